PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`question_id` text NOT NULL,
	`track` text NOT NULL,
	`drill_id` integer,
	`kind` text DEFAULT 'drill' NOT NULL,
	`mock_id` integer,
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
	`rescheduled` integer DEFAULT true NOT NULL,
	`card_before` text,
	`cases_passed` integer,
	`cases_total` integer,
	`case_results` text,
	`override_reason` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`drill_id`) REFERENCES `drills`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mock_id`) REFERENCES `mocks`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_attempts`("id", "user_id", "question_id", "track", "drill_id", "kind", "mock_id", "served_at", "deadline_at", "budget_seconds", "code", "notes", "hints_used", "hint_revealed_at", "draft_saved_at", "submitted_at", "duration_seconds", "overtime", "outcome", "suggested_grade", "grade_reason", "final_grade", "graded_at", "local_day", "state_before", "stability_before", "difficulty_before", "due_before", "last_review_before", "state_after", "stability_after", "difficulty_after", "due_after", "scheduled_days_after", "rescheduled", "card_before", "cases_passed", "cases_total", "case_results", "override_reason") SELECT "id", "user_id", "question_id", "track", "drill_id", "kind", "mock_id", "served_at", "deadline_at", "budget_seconds", "code", "notes", "hints_used", "hint_revealed_at", "draft_saved_at", "submitted_at", "duration_seconds", "overtime", "outcome", "suggested_grade", "grade_reason", "final_grade", "graded_at", "local_day", "state_before", "stability_before", "difficulty_before", "due_before", "last_review_before", "state_after", "stability_after", "difficulty_after", "due_after", "scheduled_days_after", "rescheduled", "card_before", "cases_passed", "cases_total", "case_results", "override_reason" FROM `attempts`;--> statement-breakpoint
DROP TABLE `attempts`;--> statement-breakpoint
ALTER TABLE `__new_attempts` RENAME TO `attempts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `attempts_one_open_per_track_uq` ON `attempts` (`user_id`,`track`) WHERE graded_at IS NULL AND kind <> 'mock';--> statement-breakpoint
CREATE INDEX `attempts_mock_idx` ON `attempts` (`mock_id`);--> statement-breakpoint
CREATE INDEX `attempts_user_track_day_idx` ON `attempts` (`user_id`,`track`,`local_day`);--> statement-breakpoint
CREATE INDEX `attempts_user_question_idx` ON `attempts` (`user_id`,`question_id`);--> statement-breakpoint
CREATE INDEX `attempts_drill_idx` ON `attempts` (`drill_id`);--> statement-breakpoint
CREATE INDEX `attempts_user_graded_idx` ON `attempts` (`user_id`,`graded_at`);--> statement-breakpoint
CREATE INDEX `attempts_user_submitted_idx` ON `attempts` (`user_id`,`submitted_at`);