CREATE TABLE "campaign_spend" (
	"campaign_id" bigint PRIMARY KEY NOT NULL,
	"credited" numeric(78, 0) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clicks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"impression_id" text,
	"campaign_id" bigint,
	"cell" bigint,
	"viewer" text,
	"ip" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"cpc" numeric(78, 0),
	"created_at" bigint NOT NULL,
	"seen_at" bigint
);
--> statement-breakpoint
CREATE TABLE "credits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"click_id" bigint NOT NULL,
	"account" text NOT NULL,
	"role" text NOT NULL,
	"amount" numeric(78, 0) NOT NULL,
	"campaign_id" bigint NOT NULL,
	"created_at" bigint NOT NULL,
	"epoch_id" bigint
);
--> statement-breakpoint
CREATE TABLE "epoch_leaves" (
	"epoch_id" bigint NOT NULL,
	"account" text NOT NULL,
	"cumulative" numeric(78, 0) NOT NULL,
	CONSTRAINT "epoch_leaves_epoch_id_account_pk" PRIMARY KEY("epoch_id","account")
);
--> statement-breakpoint
CREATE TABLE "impressions" (
	"id" text PRIMARY KEY NOT NULL,
	"campaign_id" bigint NOT NULL,
	"cell" bigint NOT NULL,
	"viewer" text NOT NULL,
	"session_id" text NOT NULL,
	"issued_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ip_windows" (
	"ip" text NOT NULL,
	"window_start" bigint NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "ip_windows_ip_window_start_pk" PRIMARY KEY("ip","window_start")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"viewer" text NOT NULL,
	"session_key" text NOT NULL,
	"expires_at" bigint NOT NULL,
	"revoked_at" bigint,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settlement_epochs" (
	"id" bigint PRIMARY KEY NOT NULL,
	"root" text NOT NULL,
	"total" numeric(78, 0) NOT NULL,
	"cutoff" bigint NOT NULL,
	"leaf_count" integer NOT NULL,
	"spends" jsonb NOT NULL,
	"status" text NOT NULL,
	"tx_hash" text,
	"built_at" bigint NOT NULL,
	"posted_at" bigint
);
--> statement-breakpoint
CREATE TABLE "viewer_locks" (
	"viewer" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "clicks_paid_impression_uq" ON "clicks" USING btree ("impression_id") WHERE "clicks"."status" = 'accepted';--> statement-breakpoint
CREATE INDEX "clicks_campaign_idx" ON "clicks" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE INDEX "clicks_viewer_idx" ON "clicks" USING btree ("viewer","created_at");--> statement-breakpoint
CREATE INDEX "credits_account_idx" ON "credits" USING btree ("account");--> statement-breakpoint
CREATE INDEX "credits_epoch_idx" ON "credits" USING btree ("epoch_id");--> statement-breakpoint
CREATE INDEX "credits_campaign_idx" ON "credits" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "impressions_campaign_idx" ON "impressions" USING btree ("campaign_id","issued_at");--> statement-breakpoint
CREATE INDEX "sessions_viewer_idx" ON "sessions" USING btree ("viewer");