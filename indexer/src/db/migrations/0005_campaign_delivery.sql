ALTER TABLE "campaigns" ADD COLUMN "creative_updated_at" bigint;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "daily_budget" numeric(78, 0) DEFAULT '0' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "days_mask" smallint DEFAULT 127 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "hours_mask" integer DEFAULT 16777215 NOT NULL;