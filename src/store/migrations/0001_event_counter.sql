-- The single row whose lock orders event appends (see src/store/event-log.ts).
INSERT INTO "event_counter" ("id", "seq") VALUES (1, 0);
