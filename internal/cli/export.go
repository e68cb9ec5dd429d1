package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
)

const exportHelp = "usage: wei export ledger --wijk SLUG --format csv|xlsx|hledger [--from YYYY-MM-DD] [--to YYYY-MM-DD] [-o FILE]"

// exportCmd writes the books of a wijk as CSV (one row per posting), XLSX
// (transactions, balance sheet, income statement) or an hledger journal,
// to standard output or to a file.
func exportCmd(ctx context.Context, env Env, args []string) error {
	if len(args) < 1 || args[0] != "ledger" {
		fmt.Fprintln(env.Stderr, exportHelp)
		return fmt.Errorf("%w: wei export needs 'ledger'", errUsage)
	}
	var slug, format, fromS, toS, out string
	_, _, s, err := openDB(ctx, env, "export ledger", args[1:], schemaCheck, func(fs *flag.FlagSet) {
		fs.StringVar(&slug, "wijk", "", "wijk (slug) whose books to export")
		fs.StringVar(&format, "format", "", "csv, xlsx or hledger")
		fs.StringVar(&fromS, "from", "", "first day of the period (YYYY-MM-DD); default: from the start")
		fs.StringVar(&toS, "to", "", "last day of the period (YYYY-MM-DD); default: up to the end")
		fs.StringVar(&out, "o", "", "file to write to; default standard output")
	})
	if err != nil {
		return err
	}
	defer s.Close()
	format = strings.ToLower(strings.TrimSpace(format))
	if slug == "" || (format != "csv" && format != "xlsx" && format != "hledger") {
		fmt.Fprintln(env.Stderr, exportHelp)
		return fmt.Errorf("%w: --wijk and --format csv|xlsx|hledger are required", errUsage)
	}
	from, err := exportDay("from", fromS)
	if err != nil {
		return err
	}
	to, err := exportDay("to", toS)
	if err != nil {
		return err
	}
	if !from.IsZero() && !to.IsZero() && from.After(to) {
		return fmt.Errorf("%w: --from lies after --to", errUsage)
	}
	w, err := s.WijkBySlug(ctx, slug)
	if err != nil {
		return fmt.Errorf("no wijk with slug %q", slug)
	}
	var buf bytes.Buffer
	if err := writeLedger(ctx, s, &buf, w.ID, w.Name, format, from, to); err != nil {
		return fmt.Errorf("exporting the books of %s: %w", slug, err)
	}
	if out == "" {
		_, err := env.Stdout.Write(buf.Bytes())
		return err
	}
	// The full books can name residents (their time accounts): readable by
	// the owner only.
	if err := os.WriteFile(out, buf.Bytes(), 0o600); err != nil {
		return fmt.Errorf("cannot write %s: %w", out, err)
	}
	fmt.Fprintf(env.Stdout, "books of %s written to %s\n", w.Name, out)
	return nil
}

func exportDay(name, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	d, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return d, fmt.Errorf("%w: --%s %q is not a date such as 2025-12-31", errUsage, name, v)
	}
	return d, nil
}

// writeLedger writes a wijk's books of a period in one of the formats.
func writeLedger(ctx context.Context, s *store.Store, buf *bytes.Buffer, wijkID, title, format string, from, to time.Time) error {
	txs, err := s.LedgerTransactions(ctx, wijkID, from, to)
	if err != nil {
		return err
	}
	list, err := s.LedgerAccounts(ctx, wijkID)
	if err != nil {
		return err
	}
	accounts := make(map[string]ledger.Account, len(list))
	for _, a := range list {
		accounts[a.ID] = a
	}
	assets, err := s.Assets(ctx, wijkID)
	if err != nil {
		return err
	}
	switch format {
	case "csv":
		return ledger.WriteCSV(buf, txs, accounts, assets)
	case "hledger":
		return ledger.WriteJournal(buf, title, txs, accounts, assets)
	}
	balances, err := s.AccountTotals(ctx, wijkID, time.Time{}, to)
	if err != nil {
		return err
	}
	period, err := s.AccountTotals(ctx, wijkID, from, to)
	if err != nil {
		return err
	}
	sheets, err := ledger.Workbook(txs, accounts, assets, totals(balances), totals(period))
	if err != nil {
		return err
	}
	return ledger.WriteXLSX(buf, sheets)
}

func totals(in []store.AccountTotal) []ledger.AccountTotal {
	out := make([]ledger.AccountTotal, len(in))
	for i, t := range in {
		out[i] = ledger.AccountTotal(t)
	}
	return out
}
