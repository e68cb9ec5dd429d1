package cli

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijk"
)

// verifyCmd runs the full check of the books (store.AuditLedger: the whole
// hash chain, every balance against its postings and month totals, the
// sums kept for the public page) of every wijk, or of one, and prints per
// wijk the number of transactions, the head hash and OK, or the first
// broken transaction and why, and every account that does not add up. It
// fails (exit code 1) when any wijk's books do not check out.
func verifyCmd(ctx context.Context, env Env, args []string) error {
	var slug string
	_, _, s, err := openDB(ctx, env, "verify", args, schemaCheck, func(fs *flag.FlagSet) {
		fs.StringVar(&slug, "wijk", "", "wijk (slug) whose books to check; default: every wijk")
	})
	if err != nil {
		return err
	}
	defer s.Close()
	var wijken []wijk.Wijk
	if slug != "" {
		w, err := s.WijkBySlug(ctx, slug)
		if err != nil {
			return fmt.Errorf("no wijk with slug %q", slug)
		}
		wijken = []wijk.Wijk{w}
	} else if wijken, err = s.Wijken(ctx); err != nil {
		return fmt.Errorf("listing the wijken: %w", err)
	}
	faults := 0
	for _, w := range wijken {
		a, err := s.AuditLedger(ctx, w.ID)
		if err != nil {
			return fmt.Errorf("checking the books of %s: %w", w.Slug, err)
		}
		decimals := map[string]int{ledger.EUR: 2}
		if len(a.Bad) > 0 {
			assets, err := s.Assets(ctx, w.ID)
			if err != nil {
				return fmt.Errorf("checking the books of %s: %w", w.Slug, err)
			}
			for _, as := range assets {
				decimals[as.Code] = as.Decimals
			}
		}
		printAudit(env.Stdout, w.Slug, a, decimals)
		if !a.OK() {
			faults++
		}
	}
	if faults > 0 {
		return fmt.Errorf("the books of %d of %d wijken do not check out", faults, len(wijken))
	}
	return nil
}

// breakReasons says in words why the chain breaks at transaction n.
var breakReasons = map[store.ChainBreak]string{
	store.BreakHash:     "its content no longer gives its hash: it was changed after it was booked",
	store.BreakPrevHash: "it does not point at the hash of transaction %d",
	store.BreakGap:      "it is missing; later transactions are there",
	store.BreakNumbers:  "the numbers of the transactions before it are out of order",
}

func printAudit(w io.Writer, slug string, a store.LedgerAudit, decimals map[string]int) {
	head := "no transactions"
	if a.Transactions > 0 || a.HeadSeq > 0 {
		head = fmt.Sprintf("%d transactions, head %d %s", a.Transactions, a.HeadSeq, a.HeadHash)
	}
	if a.OK() {
		fmt.Fprintf(w, "%s: %s: OK\n", slug, head)
		return
	}
	fmt.Fprintf(w, "%s: %s: FAULT\n", slug, head)
	if a.BrokenAt > 0 {
		why := breakReasons[a.Break]
		if a.Break == store.BreakPrevHash {
			why = fmt.Sprintf(why, a.BrokenAt-1)
		}
		fmt.Fprintf(w, "  the chain breaks at transaction %d: %s\n", a.BrokenAt, why)
	}
	for _, b := range a.Bad {
		amount := func(n int64) string { return ledger.FormatAmount(n, decimals[b.Asset], false) + " " + b.Asset }
		switch {
		case b.Balance != b.Postings:
			fmt.Fprintf(w, "  account %s: balance %s, but its postings sum to %s\n", b.Code, amount(b.Balance), amount(b.Postings))
		case b.Balance != b.MonthTotals:
			fmt.Fprintf(w, "  account %s: balance %s, but its month totals sum to %s\n", b.Code, amount(b.Balance), amount(b.MonthTotals))
		default:
			fmt.Fprintf(w, "  account %s: its month totals differ month by month from its postings\n", b.Code)
		}
	}
	if a.PublicTotalsWrong {
		fmt.Fprintln(w, "  the sums kept for the public page differ from the postings; they were dropped and will be summed again")
	}
}
