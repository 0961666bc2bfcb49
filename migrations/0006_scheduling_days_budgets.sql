CREATE TABLE `optimizer_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`status` text NOT NULL,
	`reviews` integer NOT NULL,
	`log_loss_before` real,
	`rmse_before` real,
	`log_loss_after` real,
	`rmse_after` real,
	`weights` text,
	`message` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `optimizer_runs_user_idx` ON `optimizer_runs` (`user_id`,`id`);--> statement-breakpoint
ALTER TABLE `attempts` ADD `kind` text DEFAULT 'drill' NOT NULL;--> statement-breakpoint
ALTER TABLE `attempts` ADD `rescheduled` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `attempts` ADD `card_before` text;--> statement-breakpoint
ALTER TABLE `cards` ADD `suspended` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `cards` ADD `leech_kept_at` integer;--> statement-breakpoint
ALTER TABLE `drills` ADD `extra_new` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `drills` ADD `ahead_days` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `track_settings` ADD `daily_minutes` integer;--> statement-breakpoint
ALTER TABLE `track_settings` ADD `focus_kind` text;--> statement-breakpoint
ALTER TABLE `track_settings` ADD `focus_value` text;--> statement-breakpoint
ALTER TABLE `users` ADD `leech_threshold` integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `fsrs_weights` text;