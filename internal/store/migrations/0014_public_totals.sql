-- Wijkboekhouding, the public page at any size.
--
-- The check of the public page (CheckLedgerTail) and `wei verify` compare
-- every account's balance with the sum of its postings, summed by the
-- database per account. With the amount in the index that sum reads the
-- index alone, not every posting row: at a million transactions about a
-- tenth of the time. It serves every lookup of postings by account too, so
-- it replaces the index on account_id alone.

CREATE INDEX ledger_postings_account_amount ON ledger_postings (account_id, amount);
DROP INDEX ledger_postings_account;
