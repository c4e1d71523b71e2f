CREATE TABLE "dialer_campaigns" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"mode" text NOT NULL,
	"queue_id" text NOT NULL,
	"caller_id" text NOT NULL,
	"time_zone" text NOT NULL,
	"windows" jsonb NOT NULL,
	"holidays" jsonb NOT NULL,
	"retry" jsonb NOT NULL,
	"max_abandon_rate" double precision NOT NULL,
	"state" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dialer_records" (
	"id" text PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"number" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"data" jsonb NOT NULL,
	"time_zone" text,
	"state" text NOT NULL,
	"next_at" timestamp with time zone,
	"attempts" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dnc_entries" (
	"number" text PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dialer_records" ADD CONSTRAINT "dialer_records_campaign_id_dialer_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."dialer_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dialer_records_number_uq" ON "dialer_records" USING btree ("campaign_id","number");--> statement-breakpoint
CREATE INDEX "dialer_records_due_idx" ON "dialer_records" USING btree ("campaign_id","state","next_at","position");