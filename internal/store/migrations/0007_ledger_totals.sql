-- Wijkboekhouding, faster reports and checks.
--
-- ledger_month_totals caches the sum of the postings of every account per
-- calendar month of the transactions' dates ('YYYY-MM'). Post keeps it in
-- the same database transaction as the postings; reports add whole months
-- from here and scan only the postings of the partial months at the edges
-- of a period. The backfill below makes databases from before this
-- migration right.
--
-- ledger_checkpoints is the last (seq, hash) of a wijk's chain that a check
-- found intact: the public page then verifies only the transactions after
-- it. A full verification (VerifyLedger) ignores it and clears it when it
-- finds a break.
--
-- bank_lines.claim_id links a bank line to the claim whose payment it is:
-- such a line points at the claim's payment transaction instead of being
-- booked a second time.

CREATE TABLE ledger_month_totals (
    wijk_id    TEXT NOT NULL REFERENCES wijken (id),
    account_id TEXT NOT NULL REFERENCES ledger_accounts (id),
    month      TEXT NOT NULL,
    total      BIGINT NOT NULL,
    PRIMARY KEY (account_id, month)
);
CREATE INDEX ledger_month_totals_wijk ON ledger_month_totals (wijk_id, month);

INSERT INTO ledger_month_totals (wijk_id, account_id, month, total)
SELECT t.wijk_id, p.account_id, substr(t.on_date, 1, 7), SUM(p.amount)
FROM ledger_postings p
JOIN ledger_transactions t ON t.id = p.transaction_id
GROUP BY t.wijk_id, p.account_id, substr(t.on_date, 1, 7);

CREATE TABLE ledger_checkpoints (
    wijk_id     TEXT PRIMARY KEY REFERENCES wijken (id),
    seq         BIGINT NOT NULL,
    hash        TEXT NOT NULL,
    verified_at BIGINT NOT NULL
);

-- A transaction is reversed at most once; Post looks the first reversal up.
CREATE INDEX ledger_transactions_reverses ON ledger_transactions (wijk_id, reverses_id);

ALTER TABLE bank_lines ADD COLUMN claim_id TEXT NOT NULL DEFAULT '';
CREATE INDEX bank_lines_transaction ON bank_lines (transaction_id);
