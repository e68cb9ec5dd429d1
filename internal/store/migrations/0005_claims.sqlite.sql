-- Wijkboekhouding: budget lines of initiatives and expense claims
-- (declaraties) with their receipt. Amounts are BIGINT euro cents. The
-- payee's name and IBAN and the receipt are private; the purpose, category
-- and amount are public. This file and 0005_claims.postgres.sql differ only
-- in the type of the receipt column (BLOB / BYTEA).

CREATE TABLE budget_lines (
    id            TEXT PRIMARY KEY,
    wijk_id       TEXT NOT NULL REFERENCES wijken (id),
    initiative_id TEXT NOT NULL REFERENCES organisations (id),
    name          TEXT NOT NULL,
    amount_cents  BIGINT NOT NULL CHECK (amount_cents > 0),
    created_by    TEXT NOT NULL DEFAULT '',
    created_at    BIGINT NOT NULL,
    UNIQUE (initiative_id, name)
);

CREATE TABLE claims (
    id               TEXT PRIMARY KEY,
    wijk_id          TEXT NOT NULL REFERENCES wijken (id),
    initiative_id    TEXT NOT NULL REFERENCES organisations (id),
    budget_line_id   TEXT REFERENCES budget_lines (id),
    claimant_user_id TEXT NOT NULL REFERENCES users (id),
    idempotency_key  TEXT NOT NULL,
    payee_name       TEXT NOT NULL,
    payee_iban       TEXT NOT NULL,
    purpose          TEXT NOT NULL,
    category         TEXT NOT NULL DEFAULT '',
    amount_cents     BIGINT NOT NULL CHECK (amount_cents > 0),
    spent_on         TEXT NOT NULL,
    receipt_name     TEXT NOT NULL DEFAULT '',
    receipt_type     TEXT NOT NULL DEFAULT '',
    receipt          BLOB,
    status           TEXT NOT NULL CHECK (status IN ('submitted', 'approved', 'rejected', 'paid')),
    approved_by      TEXT NOT NULL DEFAULT '',
    approved_at      BIGINT NOT NULL DEFAULT 0,
    rejected_by      TEXT NOT NULL DEFAULT '',
    rejected_at      BIGINT NOT NULL DEFAULT 0,
    reject_reason    TEXT NOT NULL DEFAULT '',
    paid_by          TEXT NOT NULL DEFAULT '',
    paid_at          BIGINT NOT NULL DEFAULT 0,
    approve_tx_id    TEXT REFERENCES ledger_transactions (id),
    paid_tx_id       TEXT REFERENCES ledger_transactions (id),
    created_at       BIGINT NOT NULL,
    UNIQUE (wijk_id, idempotency_key)
);
CREATE INDEX claims_wijk_status ON claims (wijk_id, status, created_at);
CREATE INDEX claims_initiative ON claims (initiative_id);
CREATE INDEX claims_budget_line ON claims (budget_line_id);
