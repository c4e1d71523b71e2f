CREATE TABLE "interval_stats" (
	"interval_start" timestamp with time zone NOT NULL,
	"dimension" text NOT NULL,
	"key" text NOT NULL,
	"offered" bigint DEFAULT 0 NOT NULL,
	"answered" bigint DEFAULT 0 NOT NULL,
	"answered_within" bigint DEFAULT 0 NOT NULL,
	"abandoned" bigint DEFAULT 0 NOT NULL,
	"short_abandoned" bigint DEFAULT 0 NOT NULL,
	"wait_answered_ms" bigint DEFAULT 0 NOT NULL,
	"handled_count" bigint DEFAULT 0 NOT NULL,
	"handle_ms" bigint DEFAULT 0 NOT NULL,
	"transferred" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "interval_stats_interval_start_dimension_key_pk" PRIMARY KEY("interval_start","dimension","key")
);
--> statement-breakpoint
CREATE TABLE "stats_cursors" (
	"name" text PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"state" jsonb NOT NULL
);
--> statement-breakpoint
CREATE INDEX "interval_stats_dim_idx" ON "interval_stats" USING btree ("dimension","interval_start");