CREATE TABLE `app_state` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `questions` ADD `prompt_html` text;--> statement-breakpoint
ALTER TABLE `questions` ADD `examples_html` text;--> statement-breakpoint
ALTER TABLE `questions` ADD `approach_html` text;--> statement-breakpoint
ALTER TABLE `questions` ADD `hints_html` text;