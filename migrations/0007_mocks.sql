CREATE TABLE `mock_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mock_id` integer NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`position` integer,
	`detail` text,
	FOREIGN KEY (`mock_id`) REFERENCES `mocks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mock_events_mock_idx` ON `mock_events` (`mock_id`,`id`);--> statement-breakpoint
CREATE TABLE `mock_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mock_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`at_seconds` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`mock_id`) REFERENCES `mocks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mock_notes_mock_idx` ON `mock_notes` (`mock_id`,`id`);--> statement-breakpoint
CREATE TABLE `mock_questions` (
	`mock_id` integer NOT NULL,
	`position` integer NOT NULL,
	`question_id` text NOT NULL,
	`attempt_id` integer,
	PRIMARY KEY(`mock_id`, `position`),
	FOREIGN KEY (`mock_id`) REFERENCES `mocks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mock_questions_attempt_idx` ON `mock_questions` (`attempt_id`);--> statement-breakpoint
CREATE TABLE `mock_scorecards` (
	`mock_id` integer NOT NULL,
	`role` text NOT NULL,
	`author_id` integer NOT NULL,
	`scores` text NOT NULL,
	`would_advance` integer NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`updated_at` integer NOT NULL,
	`released_at` integer,
	PRIMARY KEY(`mock_id`, `role`),
	FOREIGN KEY (`mock_id`) REFERENCES `mocks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `mocks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`format` text NOT NULL,
	`status` text NOT NULL,
	`scheduled_by` integer,
	`group_id` integer,
	`question_choice` text NOT NULL,
	`duration_seconds` integer NOT NULL,
	`created_at` integer NOT NULL,
	`starts_at` integer,
	`started_at` integer,
	`ends_at` integer,
	`finished_at` integer,
	`finish_reason` text,
	`candidate_notes` text DEFAULT '' NOT NULL,
	`active_position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`scheduled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mocks_one_running_uq` ON `mocks` (`user_id`) WHERE status = 'running';--> statement-breakpoint
CREATE INDEX `mocks_user_created_idx` ON `mocks` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `mocks_group_idx` ON `mocks` (`group_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `mocks_status_ends_idx` ON `mocks` (`status`,`ends_at`);--> statement-breakpoint
DROP INDEX `attempts_one_open_per_track_uq`;--> statement-breakpoint
ALTER TABLE `attempts` ADD `mock_id` integer REFERENCES mocks(id);--> statement-breakpoint
CREATE INDEX `attempts_mock_idx` ON `attempts` (`mock_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `attempts_one_open_per_track_uq` ON `attempts` (`user_id`,`track`) WHERE graded_at IS NULL AND kind <> 'mock';