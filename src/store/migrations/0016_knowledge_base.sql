CREATE TABLE "kb_activity" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"article_id" text,
	"session_id" text,
	"user_id" text,
	"case_id" text,
	"query" text,
	"results" integer,
	"helpful" boolean,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_article_versions" (
	"article_id" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"tags" jsonb NOT NULL,
	"category_id" text,
	"audience" text NOT NULL,
	"valid_from" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"author_id" text NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kb_article_versions_article_id_version_pk" PRIMARY KEY("article_id","version")
);
--> statement-breakpoint
CREATE TABLE "kb_articles" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"lang" text NOT NULL,
	"group_id" text NOT NULL,
	"state" text NOT NULL,
	"version" integer NOT NULL,
	"live_version" integer,
	"published_at" timestamp with time zone,
	"on_air" boolean NOT NULL,
	"live_audience" text,
	"live_valid_from" timestamp with time zone,
	"live_valid_until" timestamp with time zone,
	"live_category_id" text,
	"submitted_by" text,
	"review_comment" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"rev" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_categories" (
	"id" text PRIMARY KEY NOT NULL,
	"parent_id" text,
	"name" text NOT NULL,
	"name_zh" text,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_term_grams" (
	"gram" text NOT NULL,
	"term" text NOT NULL,
	CONSTRAINT "kb_term_grams_gram_term_pk" PRIMARY KEY("gram","term")
);
--> statement-breakpoint
CREATE TABLE "kb_terms" (
	"article_id" text NOT NULL,
	"term" text NOT NULL,
	"field" text NOT NULL,
	"tf" integer NOT NULL,
	CONSTRAINT "kb_terms_article_id_field_term_pk" PRIMARY KEY("article_id","field","term")
);
--> statement-breakpoint
ALTER TABLE "kb_article_versions" ADD CONSTRAINT "kb_article_versions_article_id_kb_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."kb_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_terms" ADD CONSTRAINT "kb_terms_article_id_kb_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."kb_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kb_activity_kind_at_idx" ON "kb_activity" USING btree ("kind","at");--> statement-breakpoint
CREATE INDEX "kb_activity_session_idx" ON "kb_activity" USING btree ("session_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_articles_slug_uq" ON "kb_articles" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "kb_articles_group_idx" ON "kb_articles" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "kb_articles_state_idx" ON "kb_articles" USING btree ("state","updated_at");--> statement-breakpoint
CREATE INDEX "kb_terms_term_idx" ON "kb_terms" USING btree ("term");