CREATE TABLE "blocks" (
	"number" bigint PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"parent_hash" text NOT NULL,
	"timestamp" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_targets" (
	"campaign_id" bigint NOT NULL,
	"cell" bigint NOT NULL,
	"res" smallint NOT NULL,
	CONSTRAINT "campaign_targets_campaign_id_cell_pk" PRIMARY KEY("campaign_id","cell")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" bigint PRIMARY KEY NOT NULL,
	"advertiser" text NOT NULL,
	"budget" numeric(78, 0) NOT NULL,
	"spent" numeric(78, 0) NOT NULL,
	"cpc" numeric(78, 0) NOT NULL,
	"start" bigint NOT NULL,
	"end" bigint NOT NULL,
	"paused" boolean NOT NULL,
	"withdrawn" boolean NOT NULL,
	"creative_uri" text NOT NULL,
	"targets" jsonb NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_totals" (
	"account" text PRIMARY KEY NOT NULL,
	"claimed" numeric(78, 0) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "epochs" (
	"id" bigint PRIMARY KEY NOT NULL,
	"root" text NOT NULL,
	"total" numeric(78, 0) NOT NULL,
	"cutoff" bigint NOT NULL,
	"activates_at" bigint NOT NULL,
	"status" text NOT NULL,
	"posted_at" bigint NOT NULL,
	"tx_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"block_number" bigint NOT NULL,
	"log_index" integer NOT NULL,
	"block_timestamp" bigint NOT NULL,
	"tx_hash" text NOT NULL,
	"contract" text NOT NULL,
	"name" text NOT NULL,
	"args" jsonb NOT NULL,
	"cell" bigint,
	"campaign_id" bigint,
	"epoch_id" bigint,
	"account" text,
	CONSTRAINT "events_block_number_log_index_pk" PRIMARY KEY("block_number","log_index")
);
--> statement-breakpoint
CREATE TABLE "plots" (
	"cell" bigint PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"bought_price" numeric(78, 0) NOT NULL,
	"bought_at" bigint NOT NULL,
	"listing_seller" text,
	"listing_price" numeric(78, 0),
	"listing_expiry" bigint,
	"last_sale_price" numeric(78, 0)
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "campaign_targets_cell_idx" ON "campaign_targets" USING btree ("cell");--> statement-breakpoint
CREATE INDEX "campaigns_advertiser_idx" ON "campaigns" USING btree ("advertiser");--> statement-breakpoint
CREATE INDEX "events_cell_idx" ON "events" USING btree ("cell");--> statement-breakpoint
CREATE INDEX "events_campaign_idx" ON "events" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "events_account_idx" ON "events" USING btree ("account");--> statement-breakpoint
CREATE INDEX "events_name_idx" ON "events" USING btree ("name");--> statement-breakpoint
CREATE INDEX "plots_owner_idx" ON "plots" USING btree ("owner");--> statement-breakpoint
CREATE INDEX "plots_latlng_idx" ON "plots" USING btree ("lat","lng");