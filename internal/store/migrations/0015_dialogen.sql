-- Wijkdialogen: sessions and online rounds, the inputs residents give
-- (each with an owner party, a deadline, a status and a public answer),
-- every change of an answer kept, links from an input to what came of it
-- (stored as kind + id, so other modules' objects need no foreign key
-- here), residents who follow an input, and reminders to owners. Times are
-- Unix milliseconds; dates are 'YYYY-MM-DD'. Portable DDL for both engines.

CREATE TABLE dialogues (
    id           TEXT PRIMARY KEY,
    wijk_id      TEXT NOT NULL REFERENCES wijken (id),
    kind         TEXT NOT NULL CHECK (kind IN ('session', 'online')),
    theme        TEXT NOT NULL,
    held_on      TEXT NOT NULL,
    closes_on    TEXT NOT NULL DEFAULT '',
    place        TEXT NOT NULL DEFAULT '',
    facilitator  TEXT NOT NULL DEFAULT '',
    attendance   INTEGER NOT NULL DEFAULT 0 CHECK (attendance >= 0),
    owner_org_id TEXT REFERENCES organisations (id),
    answer_days  INTEGER NOT NULL CHECK (answer_days BETWEEN 1 AND 365),
    created_by   TEXT NOT NULL REFERENCES users (id),
    created_at   BIGINT NOT NULL
);
CREATE INDEX dialogues_wijk ON dialogues (wijk_id, held_on);

CREATE TABLE dialogue_inputs (
    id             TEXT PRIMARY KEY,
    dialogue_id    TEXT NOT NULL REFERENCES dialogues (id),
    wijk_id        TEXT NOT NULL REFERENCES wijken (id),
    kind           TEXT NOT NULL CHECK (kind IN ('idea', 'concern', 'question')),
    body           TEXT NOT NULL,
    author_user_id TEXT REFERENCES users (id),
    entered_by     TEXT NOT NULL REFERENCES users (id),
    on_behalf      BOOLEAN NOT NULL DEFAULT FALSE,
    owner_org_id   TEXT REFERENCES organisations (id),
    due_on         TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'answered', 'done', 'declined')),
    answer         TEXT NOT NULL DEFAULT '',
    answered_at    BIGINT NOT NULL DEFAULT 0,
    reminded_at    BIGINT NOT NULL DEFAULT 0,
    created_at     BIGINT NOT NULL
);
CREATE INDEX dialogue_inputs_wijk ON dialogue_inputs (wijk_id, created_at, id);
CREATE INDEX dialogue_inputs_dialogue ON dialogue_inputs (dialogue_id, created_at);
CREATE INDEX dialogue_inputs_author ON dialogue_inputs (author_user_id);
CREATE INDEX dialogue_inputs_status ON dialogue_inputs (wijk_id, status, due_on);

-- Every answer, status or owner change: the visible history of an input.
CREATE TABLE dialogue_input_history (
    id           TEXT PRIMARY KEY,
    input_id     TEXT NOT NULL REFERENCES dialogue_inputs (id),
    status       TEXT NOT NULL,
    answer       TEXT NOT NULL DEFAULT '',
    owner_org_id TEXT REFERENCES organisations (id),
    due_on       TEXT NOT NULL,
    by_user_id   TEXT NOT NULL REFERENCES users (id),
    at           BIGINT NOT NULL
);
CREATE INDEX dialogue_input_history_input ON dialogue_input_history (input_id, at);

CREATE TABLE dialogue_input_links (
    input_id   TEXT NOT NULL REFERENCES dialogue_inputs (id),
    kind       TEXT NOT NULL CHECK (kind IN ('initiative', 'signal', 'pact_commitment', 'budget_project')),
    target_id  TEXT NOT NULL,
    label      TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (input_id, kind, target_id)
);

CREATE TABLE dialogue_follows (
    input_id   TEXT NOT NULL REFERENCES dialogue_inputs (id),
    user_id    TEXT NOT NULL REFERENCES users (id),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (input_id, user_id)
);
CREATE INDEX dialogue_follows_user ON dialogue_follows (user_id);
