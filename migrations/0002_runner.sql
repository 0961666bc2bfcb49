CREATE TABLE `runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`attempt_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`scope` text NOT NULL,
	`code` text NOT NULL,
	`passed` integer NOT NULL,
	`total` integer NOT NULL,
	`results` text NOT NULL,
	`duration_ms` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `runs_attempt_idx` ON `runs` (`attempt_id`,`id`);--> statement-breakpoint
CREATE INDEX `runs_user_created_idx` ON `runs` (`user_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `attempts` ADD `cases_passed` integer;--> statement-breakpoint
ALTER TABLE `attempts` ADD `cases_total` integer;--> statement-breakpoint
ALTER TABLE `attempts` ADD `case_results` text;--> statement-breakpoint
ALTER TABLE `attempts` ADD `override_reason` text;