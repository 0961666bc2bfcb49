CREATE TABLE `app_secrets` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`track` text NOT NULL,
	`drill_id` integer NOT NULL,
	`served_at` integer NOT NULL,
	`deadline_at` integer NOT NULL,
	`budget_seconds` integer NOT NULL,
	`code` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`hints_used` integer DEFAULT 0 NOT NULL,
	`hint_revealed_at` text NOT NULL,
	`draft_saved_at` integer,
	`submitted_at` integer,
	`duration_seconds` integer,
	`overtime` integer,
	`outcome` text,
	`suggested_grade` integer,
	`grade_reason` text,
	`final_grade` integer,
	`graded_at` integer,
	`local_day` text,
	`state_before` integer,
	`stability_before` real,
	`difficulty_before` real,
	`due_before` integer,
	`last_review_before` integer,
	`state_after` integer,
	`stability_after` real,
	`difficulty_after` real,
	`due_after` integer,
	`scheduled_days_after` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`drill_id`) REFERENCES `drills`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attempts_one_open_per_track_uq` ON `attempts` (`user_id`,`track`) WHERE graded_at IS NULL;--> statement-breakpoint
CREATE INDEX `attempts_user_track_day_idx` ON `attempts` (`user_id`,`track`,`local_day`);--> statement-breakpoint
CREATE INDEX `attempts_user_question_idx` ON `attempts` (`user_id`,`question_id`);--> statement-breakpoint
CREATE INDEX `attempts_drill_idx` ON `attempts` (`drill_id`);--> statement-breakpoint
CREATE INDEX `attempts_user_graded_idx` ON `attempts` (`user_id`,`graded_at`);--> statement-breakpoint
CREATE TABLE `cards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`track` text NOT NULL,
	`due` integer NOT NULL,
	`stability` real NOT NULL,
	`difficulty` real NOT NULL,
	`scheduled_days` integer NOT NULL,
	`learning_steps` integer NOT NULL,
	`reps` integer NOT NULL,
	`lapses` integer NOT NULL,
	`state` integer NOT NULL,
	`last_review` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cards_user_question_uq` ON `cards` (`user_id`,`question_id`);--> statement-breakpoint
CREATE INDEX `cards_user_track_due_idx` ON `cards` (`user_id`,`track`,`due`);--> statement-breakpoint
CREATE TABLE `drills` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`track` text NOT NULL,
	`local_day` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `drills_user_track_day_idx` ON `drills` (`user_id`,`track`,`local_day`);--> statement-breakpoint
CREATE TABLE `questions` (
	`id` text PRIMARY KEY NOT NULL,
	`track` text NOT NULL,
	`title` text NOT NULL,
	`difficulty` text NOT NULL,
	`topics` text NOT NULL,
	`priority` integer NOT NULL,
	`time_budget_minutes` integer,
	`hints` text NOT NULL,
	`prompt_md` text NOT NULL,
	`examples_md` text NOT NULL,
	`approach_md` text NOT NULL,
	`solution` text NOT NULL,
	`meta` text NOT NULL,
	`content_hash` text NOT NULL,
	`retired_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `questions_track_priority_idx` ON `questions` (`track`,`priority`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `track_settings` (
	`user_id` integer NOT NULL,
	`track` text NOT NULL,
	`desired_retention` real NOT NULL,
	`new_per_day` integer NOT NULL,
	`reviews_per_day` integer NOT NULL,
	`budget_easy_minutes` integer NOT NULL,
	`budget_medium_minutes` integer NOT NULL,
	`budget_hard_minutes` integer NOT NULL,
	`drill_days` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `track`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`time_zone` text DEFAULT 'UTC' NOT NULL,
	`day_start_hour` integer DEFAULT 4 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);