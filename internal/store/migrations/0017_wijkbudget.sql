-- Wijkbudget: participatory budgeting rounds, their projects, single-use
-- voting codes and the ballots. Amounts are BIGINT euro cents. A code is
-- stored only as its SHA-256 hash: the printed code is shown once. A
-- ballot keeps the buurt the voter lives in, never the address.

CREATE TABLE wijkbudget_rounds (
    id           TEXT PRIMARY KEY,
    wijk_id      TEXT NOT NULL REFERENCES wijken (id),
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    method       TEXT NOT NULL CHECK (method IN ('knapsack', 'approval')),
    budget_cents BIGINT NOT NULL CHECK (budget_cents > 0),
    max_choices  INTEGER NOT NULL DEFAULT 0,
    phase        TEXT NOT NULL CHECK (phase IN ('ideas', 'review', 'voting', 'results', 'execution')),
    created_by   TEXT NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL
);
CREATE INDEX wijkbudget_rounds_wijk ON wijkbudget_rounds (wijk_id, created_at);

CREATE TABLE wijkbudget_projects (
    id               TEXT PRIMARY KEY,
    round_id         TEXT NOT NULL REFERENCES wijkbudget_rounds (id),
    wijk_id          TEXT NOT NULL REFERENCES wijken (id),
    seq              BIGINT NOT NULL,
    title            TEXT NOT NULL,
    summary          TEXT NOT NULL DEFAULT '',
    cost_cents       BIGINT NOT NULL CHECK (cost_cents > 0),
    initiative_id    TEXT REFERENCES organisations (id),
    feasibility      TEXT NOT NULL CHECK (feasibility IN ('pending', 'feasible', 'infeasible')),
    feasibility_note TEXT NOT NULL DEFAULT '',
    grant_tx_id      TEXT REFERENCES ledger_transactions (id),
    created_by       TEXT NOT NULL DEFAULT '',
    created_at       BIGINT NOT NULL,
    UNIQUE (round_id, seq)
);

-- The public history of a round: phase changes and review decisions.
CREATE TABLE wijkbudget_events (
    id         TEXT PRIMARY KEY,
    round_id   TEXT NOT NULL REFERENCES wijkbudget_rounds (id),
    project_id TEXT NOT NULL DEFAULT '',
    kind       TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX wijkbudget_events_round ON wijkbudget_events (round_id, created_at);

CREATE TABLE wijkbudget_codes (
    code_hash  TEXT PRIMARY KEY,
    round_id   TEXT NOT NULL REFERENCES wijkbudget_rounds (id),
    used_at    BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE INDEX wijkbudget_codes_round ON wijkbudget_codes (round_id);

CREATE TABLE wijkbudget_ballots (
    id         TEXT PRIMARY KEY,
    round_id   TEXT NOT NULL REFERENCES wijkbudget_rounds (id),
    code_hash  TEXT NOT NULL UNIQUE REFERENCES wijkbudget_codes (code_hash),
    buurt_code TEXT NOT NULL,
    cast_at    BIGINT NOT NULL
);
CREATE INDEX wijkbudget_ballots_round ON wijkbudget_ballots (round_id);

CREATE TABLE wijkbudget_choices (
    ballot_id  TEXT NOT NULL REFERENCES wijkbudget_ballots (id),
    round_id   TEXT NOT NULL REFERENCES wijkbudget_rounds (id),
    project_id TEXT NOT NULL REFERENCES wijkbudget_projects (id),
    PRIMARY KEY (ballot_id, project_id)
);
CREATE INDEX wijkbudget_choices_round ON wijkbudget_choices (round_id, project_id);
