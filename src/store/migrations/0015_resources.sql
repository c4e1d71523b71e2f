CREATE TABLE "kefu_nodes" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"roles" jsonb NOT NULL,
	"address" text NOT NULL,
	"pid" integer NOT NULL,
	"version" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"heartbeat_at" timestamp with time zone NOT NULL,
	"health" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seats" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"team_id" text,
	"floor" text NOT NULL,
	"zone" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trunks" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"provider" text NOT NULL,
	"addresses" jsonb NOT NULL,
	"outbound" jsonb,
	"channel_limit" integer,
	"numbers" jsonb NOT NULL,
	"caller_id" text,
	"probe" boolean DEFAULT true NOT NULL,
	"enabled" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sip_devices" ADD COLUMN "kind" text DEFAULT 'desk_phone' NOT NULL;--> statement-breakpoint
ALTER TABLE "sip_devices" ADD COLUMN "seat_id" text;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "seats_name_uq" ON "seats" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "trunks_name_uq" ON "trunks" USING btree ("name");--> statement-breakpoint
ALTER TABLE "sip_devices" ADD CONSTRAINT "sip_devices_seat_id_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."seats"("id") ON DELETE set null ON UPDATE no action;