CREATE TABLE "agent_sessions" (
	"agent_id" text PRIMARY KEY NOT NULL,
	"state" text NOT NULL,
	"reason" text,
	"since" timestamp with time zone NOT NULL,
	"pending_away" jsonb,
	"wrap_up" jsonb,
	"last_idle_at" timestamp with time zone,
	"extension" text,
	"softphone" boolean NOT NULL,
	"logged_in_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_settings" (
	"user_id" text PRIMARY KEY NOT NULL,
	"capacity_profile_id" text,
	"languages" jsonb NOT NULL,
	"attributes" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "capacity_profiles" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"limits" jsonb NOT NULL,
	"voice_blocks_others" boolean NOT NULL,
	"max_total" integer
);
--> statement-breakpoint
CREATE TABLE "queues" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"target_expression" text NOT NULL,
	"strategy" text NOT NULL,
	"strategy_skill" text,
	"preferred_timeout_seconds" integer NOT NULL,
	"wrap_up_seconds" integer NOT NULL,
	"service_level_seconds" integer NOT NULL,
	"reservation_timeout_seconds" integer NOT NULL,
	"team_id" text
);
--> statement-breakpoint
CREATE TABLE "reason_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"label_zh" text NOT NULL,
	"requires_approval" boolean NOT NULL,
	"max_minutes" integer,
	"active" boolean NOT NULL,
	"system_only" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reservations" (
	"id" text PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"queue_id" text NOT NULL,
	"state" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"channel" text NOT NULL,
	"attributes" jsonb NOT NULL,
	"priority" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"seq" bigint NOT NULL,
	"state" text NOT NULL,
	"workflow_id" text,
	"filter_index" integer NOT NULL,
	"step_index" integer NOT NULL,
	"step_started_at" timestamp with time zone NOT NULL,
	"queue_id" text NOT NULL,
	"agent_id" text,
	"reservation_id" text,
	"target_agent_id" text,
	"updated_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"reason" text,
	"wrap_up_code" text
);
--> statement-breakpoint
CREATE TABLE "workflows" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"filters" jsonb NOT NULL,
	"default_queue_id" text NOT NULL,
	"is_default" boolean NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agent_sessions" ADD CONSTRAINT "agent_sessions_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_settings" ADD CONSTRAINT "agent_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "queues_name_uq" ON "queues" USING btree ("name");--> statement-breakpoint
CREATE INDEX "reservations_task_idx" ON "reservations" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "reservations_state_idx" ON "reservations" USING btree ("state");--> statement-breakpoint
CREATE INDEX "tasks_state_idx" ON "tasks" USING btree ("state");--> statement-breakpoint
CREATE INDEX "tasks_agent_idx" ON "tasks" USING btree ("agent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workflows_name_uq" ON "workflows" USING btree ("name");