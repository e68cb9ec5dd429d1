package store_test

// Batched import throughput (issue 4, "Measured"): store.ImportBank of one
// large CAMT.053.001.02 file, every line booked in the one database
// transaction of the import. Not part of CI; see bench/README.md.
//
//	go test ./internal/store -run '^$' -bench 'BenchmarkImportBank' -benchtime 3x -timeout 30m

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/bank"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijk"
)

const (
	// importLines is the number of entries in the benchmark's bank file.
	importLines = 10_000
	importIBAN  = "NL20INGB0001234567"
)

// importFile writes a CAMT.053.001.02 statement of iban with n booked
// entries over a year, each with its own bank reference: two in three
// are contributions of €25 from residents (a rule matches them), one in
// three a payment of €10 to a supplier (queued). The money in never runs
// out: the file starts with a contribution and every payment follows two.
func importFile(iban string, n int) []byte {
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var entries strings.Builder
	var net int64
	for i := range n {
		on := day.AddDate(0, 0, i*365/n).Format(time.DateOnly)
		ref := fmt.Sprintf("%s%07d", strings.ReplaceAll(on, "-", ""), i)
		amount, sign, party, text := int64(2500), "CRDT", "Dbtr", fmt.Sprintf("Contributie wijkcooperatie lid %d", i)
		if i%3 == 2 {
			amount, sign, party, text = 1000, "DBIT", "Cdtr", fmt.Sprintf("Factuur %d boodschappen buurtkeuken", i)
			net -= amount
		} else {
			net += amount
		}
		fmt.Fprintf(&entries, `
      <Ntry>
        <Amt Ccy="EUR">%d.%02d</Amt>
        <CdtDbtInd>%s</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>%s</Dt></BookgDt>
        <ValDt><Dt>%s</Dt></ValDt>
        <AcctSvcrRef>%s</AcctSvcrRef>
        <NtryDtls>
          <TxDtls>
            <Refs><AcctSvcrRef>%s</AcctSvcrRef><EndToEndId>E2E-%d</EndToEndId></Refs>
            <AmtDtls><TxAmt><Amt Ccy="EUR">%d.%02d</Amt></TxAmt></AmtDtls>
            <RltdPties><%s><Nm>Tegenpartij %d</Nm></%s></RltdPties>
            <RmtInf><Ustrd>%s</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>`, amount/100, amount%100, sign, on, on, ref, ref, i, amount/100, amount%100, party, i%97, party, text)
	}
	return fmt.Appendf(nil, `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>BENCH-%d</MsgId><CreDtTm>2026-01-01T06:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>BENCH-%d</Id>
      <Acct><Id><IBAN>%s</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-12-31</Dt></Dt></Bal>
      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">%d.%02d</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2025-12-31</Dt></Dt></Bal>%s
    </Stmt>
  </BkToCstmrStmt>
</Document>
`, n, n, iban, net/100, net%100, entries.String())
}

// importBooks makes a wijk with the standard chart, the benchmark's IBAN
// and a rule that books contributions on an initiative's income.
func importBooks(b *testing.B, s *store.Store, slug string) string {
	b.Helper()
	ctx := b.Context()
	w := mustWijk(b, s, slug, slug)
	mustOrganisation(b, s, w.ID, "Buurtkeuken", wijk.FormBurgerinitiatief)
	if err := s.EnsureChart(ctx, w.ID); err != nil {
		b.Fatal(err)
	}
	accounts, err := s.LedgerAccounts(ctx, w.ID)
	if err != nil {
		b.Fatal(err)
	}
	var bankID, incomeID string
	for _, a := range accounts {
		switch {
		case a.Code == store.CodeBank && a.Asset == ledger.EUR:
			bankID = a.ID
		case a.Type == ledger.TypeIncome && a.Asset == ledger.EUR && incomeID == "":
			incomeID = a.ID
		}
	}
	if bankID == "" || incomeID == "" {
		b.Fatalf("the chart has no Bank (%q) or no income account (%q)", bankID, incomeID)
	}
	if err := s.AddBankAccount(ctx, w.ID, importIBAN, bankID); err != nil {
		b.Fatal(err)
	}
	rule := store.BankRule{WijkID: w.ID, Words: "contributie", AccountID: incomeID, Category: "contributie", Purpose: "Contributie van de leden"}
	if err := s.AddBankRule(ctx, &rule); err != nil {
		b.Fatal(err)
	}
	return w.ID
}

// benchImportBank imports the file into a fresh wijk per iteration (new:
// every line booked) and then once more (again: every line found to be a
// duplicate), and reports lines per second of each.
func benchImportBank(b *testing.B, s *store.Store) {
	data := importFile(importIBAN, importLines)
	st, err := bank.Parse("bench.xml", data)
	if err != nil || len(st.Lines) != importLines {
		b.Fatalf("the generated file: %v, %d lines", err, len(st.Lines))
	}
	ctx := b.Context()
	pen := "bench-penningmeester"
	var wijken []string
	check := func(b *testing.B, rep store.ImportReport, imported, duplicates int) {
		if rep.Rejected || rep.Imported != imported || rep.Duplicates != duplicates || len(rep.Lines) != importLines {
			b.Fatalf("import: rejected=%v (%s) imported=%d duplicates=%d lines=%d; want %d imported, %d duplicates",
				rep.Rejected, rep.Problem, rep.Imported, rep.Duplicates, len(rep.Lines), imported, duplicates)
		}
	}
	b.Run("new", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			w := importBooks(b, s, fmt.Sprintf("import-%d-%s", len(wijken), strings.ToLower(wei.RandomToken(4))))
			wijken = append(wijken, w)
			b.StartTimer()
			rep, err := s.ImportBank(ctx, w, "bench.xml", data, pen)
			if err != nil {
				b.Fatal(err)
			}
			check(b, rep, importLines, 0)
			if want := importLines - importLines/3; rep.Matched != want {
				b.Fatalf("matched=%d, want %d", rep.Matched, want)
			}
		}
		b.ReportMetric(float64(importLines*b.N)/b.Elapsed().Seconds(), "lines/s")
	})
	b.Run("again", func(b *testing.B) {
		if len(wijken) == 0 {
			b.Skip("no wijk was imported into")
		}
		for i := 0; i < b.N; i++ {
			rep, err := s.ImportBank(ctx, wijken[i%len(wijken)], "bench.xml", data, pen)
			if err != nil {
				b.Fatal(err)
			}
			check(b, rep, 0, importLines)
		}
		b.ReportMetric(float64(importLines*b.N)/b.Elapsed().Seconds(), "lines/s")
	})
	// The books stay whole: the chain verifies and the bank balance is the
	// file's closing balance.
	for _, w := range wijken {
		if broken, bad, err := s.VerifyLedger(ctx, w); err != nil || broken != 0 || len(bad) != 0 {
			b.Fatalf("VerifyLedger after the import: %v, broken at %d, balances off %v", err, broken, bad)
		}
		bk, err := s.AccountByCode(ctx, w, store.CodeBank, ledger.EUR)
		if err != nil {
			b.Fatal(err)
		}
		if bal, err := s.Balance(ctx, bk.ID); err != nil || bal != st.ClosingCents {
			b.Fatalf("Bank after the import: %d (%v), want the closing balance %d", bal, err, st.ClosingCents)
		}
	}
}

func BenchmarkImportBankSQLite(b *testing.B)   { benchImportBank(b, OpenTestSQLite(b)) }
func BenchmarkImportBankPostgres(b *testing.B) { benchImportBank(b, OpenTestPostgres(b)) }
