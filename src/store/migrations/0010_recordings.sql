CREATE TABLE "recordings" (
	"contact_id" text PRIMARY KEY NOT NULL,
	"recording_id" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"duration_ms" integer,
	"size_bytes" bigint,
	"pauses" jsonb NOT NULL,
	"deleted_at" timestamp with time zone,
	"deleted_reason" text
);
--> statement-breakpoint
CREATE INDEX "recordings_started_idx" ON "recordings" USING btree ("started_at");