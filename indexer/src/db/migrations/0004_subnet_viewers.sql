CREATE TABLE "subnet_viewers" (
	"subnet" text PRIMARY KEY NOT NULL,
	"viewers" jsonb NOT NULL
);
