CREATE TABLE "sip_devices" (
	"extension" text PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"realm" text NOT NULL,
	"ha1_md5" text NOT NULL,
	"ha1_sha256" text NOT NULL,
	"enabled" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
