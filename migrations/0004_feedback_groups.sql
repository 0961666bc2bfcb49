DROP INDEX `feedback_attempt_idx`;--> statement-breakpoint
ALTER TABLE `feedback` ADD `group_id` integer REFERENCES groups(id);--> statement-breakpoint
ALTER TABLE `feedback` ADD `body_html` text;--> statement-breakpoint
-- Hand-written backfill (body_html is filled lazily by the app, the first time a row is shown).
-- 1. A coach's feedback goes to a group the coach and the attempt's owner share: preferably one
--    where they were coach and member, both in it when it was written; else the earliest the
--    owner joined.
UPDATE `feedback` SET `group_id` = (
  SELECT c.`group_id` FROM `attempts` a
    JOIN `group_members` c ON c.`user_id` = `feedback`.`author_id`
    JOIN `group_members` m ON m.`group_id` = c.`group_id` AND m.`user_id` = a.`user_id`
   WHERE a.`id` = `feedback`.`attempt_id`
   ORDER BY (c.`role` = 'coach' AND m.`role` = 'member') DESC,
     (c.`joined_at` <= `feedback`.`created_at` AND (c.`left_at` IS NULL OR c.`left_at` >= `feedback`.`created_at`)
      AND m.`joined_at` <= `feedback`.`created_at` AND (m.`left_at` IS NULL OR m.`left_at` >= `feedback`.`created_at`)) DESC,
     m.`joined_at`, c.`group_id`
   LIMIT 1)
 WHERE `author_id` <> (SELECT a.`user_id` FROM `attempts` a WHERE a.`id` = `feedback`.`attempt_id`);--> statement-breakpoint
-- 2. A candidate's reply joins the thread of the coach's message it answered (the latest before it).
UPDATE `feedback` SET `group_id` = (
  SELECT p.`group_id` FROM `feedback` p
   WHERE p.`attempt_id` = `feedback`.`attempt_id` AND p.`author_id` <> `feedback`.`author_id`
     AND p.`group_id` IS NOT NULL AND p.`id` < `feedback`.`id`
   ORDER BY p.`id` DESC LIMIT 1)
 WHERE `group_id` IS NULL
   AND `author_id` = (SELECT a.`user_id` FROM `attempts` a WHERE a.`id` = `feedback`.`attempt_id`);--> statement-breakpoint
-- 3. Anything left: the earliest group the attempt's owner joined. A row whose owner was never in
--    a group keeps a null group: only the candidate sees it, read-only.
UPDATE `feedback` SET `group_id` = (
  SELECT m.`group_id` FROM `attempts` a JOIN `group_members` m ON m.`user_id` = a.`user_id`
   WHERE a.`id` = `feedback`.`attempt_id` ORDER BY m.`joined_at`, m.`group_id` LIMIT 1)
 WHERE `group_id` IS NULL;--> statement-breakpoint
CREATE INDEX `feedback_thread_idx` ON `feedback` (`attempt_id`,`group_id`,`id`);--> statement-breakpoint
CREATE INDEX `feedback_group_idx` ON `feedback` (`group_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `feedback_author_idx` ON `feedback` (`author_id`,`created_at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_feedback_reads` (
	`user_id` integer NOT NULL,
	`attempt_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`read_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `attempt_id`, `group_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Hand-edited: a read of an attempt becomes a read of each of its group threads.
INSERT INTO `__new_feedback_reads`("user_id", "attempt_id", "group_id", "read_at")
  SELECT r.`user_id`, r.`attempt_id`, t.`group_id`, r.`read_at` FROM `feedback_reads` r
    JOIN (SELECT DISTINCT `attempt_id`, `group_id` FROM `feedback` WHERE `group_id` IS NOT NULL) t
      ON t.`attempt_id` = r.`attempt_id`;--> statement-breakpoint
DROP TABLE `feedback_reads`;--> statement-breakpoint
ALTER TABLE `__new_feedback_reads` RENAME TO `feedback_reads`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `attempts_user_submitted_idx` ON `attempts` (`user_id`,`submitted_at`);