CREATE TABLE "qa_evaluations" (
	"id" text PRIMARY KEY NOT NULL,
	"form_id" text NOT NULL,
	"form_version" integer NOT NULL,
	"contact_id" text NOT NULL,
	"agent_id" text NOT NULL,
	"evaluator_id" text NOT NULL,
	"state" text NOT NULL,
	"answers" jsonb NOT NULL,
	"comment" text,
	"score" double precision,
	"auto_failed" boolean NOT NULL,
	"dispute_comment" text,
	"resolution" text,
	"resolution_comment" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qa_forms" (
	"id" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"sections" jsonb NOT NULL,
	"active" boolean NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "qa_forms_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
CREATE TABLE "survey_invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"address" text NOT NULL,
	"contact_id" text NOT NULL,
	"thread_contact_id" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" text PRIMARY KEY NOT NULL,
	"subject_key" text NOT NULL,
	"channel" text NOT NULL,
	"score" integer NOT NULL,
	"comment" text,
	"contact_id" text,
	"case_id" text,
	"agent_id" text,
	"queue_id" text,
	"customer_id" text,
	"answered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "qa_evaluations_agent_idx" ON "qa_evaluations" USING btree ("agent_id","created_at");--> statement-breakpoint
CREATE INDEX "qa_evaluations_contact_idx" ON "qa_evaluations" USING btree ("contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_contact_uq" ON "survey_invitations" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "survey_invitations_address_idx" ON "survey_invitations" USING btree ("address","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_subject_uq" ON "survey_responses" USING btree ("subject_key","channel");--> statement-breakpoint
CREATE INDEX "survey_responses_answered_idx" ON "survey_responses" USING btree ("answered_at");