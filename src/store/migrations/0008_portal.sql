CREATE TABLE "portal_challenges" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"address" text NOT NULL,
	"secret_hash" text NOT NULL,
	"customer_id" text,
	"ip" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "portal_challenges" ADD CONSTRAINT "portal_challenges_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "portal_challenges_address_idx" ON "portal_challenges" USING btree ("channel","address","created_at");--> statement-breakpoint
CREATE INDEX "portal_challenges_ip_idx" ON "portal_challenges" USING btree ("ip","created_at");--> statement-breakpoint
CREATE INDEX "portal_challenges_secret_idx" ON "portal_challenges" USING btree ("secret_hash");