CREATE TABLE "ivr_flows" (
	"id" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"document" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text,
	CONSTRAINT "ivr_flows_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
CREATE TABLE "ivr_numbers" (
	"number" text PRIMARY KEY NOT NULL,
	"flow_id" text NOT NULL
);
