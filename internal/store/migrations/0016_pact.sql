-- Wijkpact: a multi-party agreement of a wijk. Parties are organisations of
-- the wijk; each makes commitments (what, indicator, target, deadline). A
-- party accepts (signs) the pact text; accepting and withdrawing are kept
-- as events, so the history is visible. Once a party has accepted, the
-- text (parties and commitments) is frozen. Progress per commitment is kept
-- as a series of reported values, the last one counts. Portable: the same
-- DDL runs on SQLite and PostgreSQL. Times are BIGINT Unix milliseconds
-- (UTC), dates TEXT 'YYYY-MM-DD'.

CREATE TABLE pacts (
    id         TEXT PRIMARY KEY,
    wijk_id    TEXT NOT NULL REFERENCES wijken (id),
    title      TEXT NOT NULL,
    purpose    TEXT NOT NULL,
    starts_on  TEXT NOT NULL,
    ends_on    TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    UNIQUE (wijk_id, title)
);

CREATE TABLE pact_parties (
    id              TEXT PRIMARY KEY,
    pact_id         TEXT NOT NULL REFERENCES pacts (id),
    organisation_id TEXT NOT NULL REFERENCES organisations (id),
    position        INTEGER NOT NULL,
    created_at      BIGINT NOT NULL,
    UNIQUE (pact_id, organisation_id)
);

CREATE TABLE pact_commitments (
    id         TEXT PRIMARY KEY,
    pact_id    TEXT NOT NULL REFERENCES pacts (id),
    party_id   TEXT NOT NULL REFERENCES pact_parties (id),
    what       TEXT NOT NULL,
    indicator  TEXT NOT NULL,
    target     BIGINT NOT NULL CHECK (target > 0),
    due_on     TEXT NOT NULL,
    owner      TEXT NOT NULL DEFAULT '',
    created_by TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX pact_commitments_pact ON pact_commitments (pact_id, created_at);

-- Every acceptance and withdrawal of a party, in order: the last one counts.
CREATE TABLE pact_acceptances (
    id         TEXT PRIMARY KEY,
    pact_id    TEXT NOT NULL REFERENCES pacts (id),
    party_id   TEXT NOT NULL REFERENCES pact_parties (id),
    accepted   BOOLEAN NOT NULL,
    signatory  TEXT NOT NULL,
    by_user_id TEXT NOT NULL,
    at         BIGINT NOT NULL
);
CREATE INDEX pact_acceptances_pact ON pact_acceptances (pact_id, at);

-- Progress reported per commitment: the value reached so far, in the unit
-- of its indicator. The last report counts; the others are its history.
CREATE TABLE pact_progress (
    id            TEXT PRIMARY KEY,
    commitment_id TEXT NOT NULL REFERENCES pact_commitments (id),
    value         BIGINT NOT NULL CHECK (value >= 0),
    note          TEXT NOT NULL DEFAULT '',
    by_user_id    TEXT NOT NULL,
    at            BIGINT NOT NULL
);
CREATE INDEX pact_progress_commitment ON pact_progress (commitment_id, at);

CREATE TABLE pact_reviews (
    id         TEXT PRIMARY KEY,
    pact_id    TEXT NOT NULL REFERENCES pacts (id),
    on_date    TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (pact_id, on_date)
);

-- Right to Challenge: a residents' organisation challenges the gemeente to
-- let it carry out a municipal task. The gemeente's decisions are kept as
-- events (a changed decision stays visible with its reasons); the
-- agreement links the task to a pact commitment and a ledger account, so
-- its execution is followed through both. Amounts in cents.
CREATE TABLE challenges (
    id                  TEXT PRIMARY KEY,
    wijk_id             TEXT NOT NULL REFERENCES wijken (id),
    organisation_id     TEXT NOT NULL REFERENCES organisations (id),
    task                TEXT NOT NULL,
    current_cost_cents  BIGINT NOT NULL CHECK (current_cost_cents >= 0),
    plan                TEXT NOT NULL,
    business_case       TEXT NOT NULL,
    proposed_cost_cents BIGINT NOT NULL CHECK (proposed_cost_cents >= 0),
    status              TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'accepted', 'rejected')),
    agreement           TEXT NOT NULL DEFAULT '',
    commitment_id       TEXT NOT NULL DEFAULT '',
    ledger_account_id   TEXT NOT NULL DEFAULT '',
    created_by          TEXT NOT NULL DEFAULT '',
    created_at          BIGINT NOT NULL
);
CREATE INDEX challenges_wijk ON challenges (wijk_id, created_at);

CREATE TABLE challenge_decisions (
    id           TEXT PRIMARY KEY,
    challenge_id TEXT NOT NULL REFERENCES challenges (id),
    decision     TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
    reasons      TEXT NOT NULL,
    by_user_id   TEXT NOT NULL,
    at           BIGINT NOT NULL
);
CREATE INDEX challenge_decisions_challenge ON challenge_decisions (challenge_id, at);
