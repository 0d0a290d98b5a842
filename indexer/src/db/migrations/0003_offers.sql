CREATE TABLE "offers" (
	"cell" bigint NOT NULL,
	"buyer" text NOT NULL,
	"seller" text NOT NULL,
	"amount" numeric(78, 0) NOT NULL,
	"expiry" bigint NOT NULL,
	"status" text NOT NULL,
	"made_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "offers_cell_buyer_pk" PRIMARY KEY("cell","buyer")
);
--> statement-breakpoint
CREATE INDEX "offers_buyer_idx" ON "offers" USING btree ("buyer");--> statement-breakpoint
CREATE INDEX "offers_seller_idx" ON "offers" USING btree ("seller");