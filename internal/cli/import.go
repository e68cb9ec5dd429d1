package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
)

// importCmd reads data into WEI: `wei import bank --wijk SLUG FILE` and
// `wei import cbs --kind KIND FILE`.
func importCmd(ctx context.Context, env Env, args []string) error {
	const help = "usage: wei import bank --wijk SLUG [--db ...] FILE\n       wei import cbs --kind buurten|kerncijfers|postcodes [--year N] [--db ...] FILE"
	if len(args) > 0 && args[0] == "cbs" {
		return importCBS(ctx, env, args[1:])
	}
	if len(args) < 1 || args[0] != "bank" {
		fmt.Fprintln(env.Stderr, help)
		return fmt.Errorf("%w: wei import needs 'bank' or 'cbs'", errUsage)
	}
	var wijkSlug, by string
	var fset *flag.FlagSet
	_, _, s, err := openDB(ctx, env, "import bank", args[1:], schemaCheck, func(fs *flag.FlagSet) {
		fset = fs
		fs.StringVar(&wijkSlug, "wijk", "", "the wijk (slug) whose bank statement this is")
		fs.StringVar(&by, "by", "", "e-mail address of the treasurer who imports (for the books' record)")
	})
	if err != nil {
		return err
	}
	defer s.Close()
	rest := fset.Args()
	if wijkSlug == "" || len(rest) != 1 {
		fmt.Fprintln(env.Stderr, help)
		return fmt.Errorf("%w: give --wijk and one file", errUsage)
	}
	w, err := s.WijkBySlug(ctx, wijkSlug)
	if err != nil {
		return fmt.Errorf("no wijk with slug %q", wijkSlug)
	}
	byID := ""
	if by != "" {
		u, err := s.UserByEmail(ctx, by)
		if err != nil {
			return fmt.Errorf("no account with e-mail address %q", by)
		}
		byID = u.ID
	}
	data, err := os.ReadFile(rest[0])
	if err != nil {
		return fmt.Errorf("cannot read %s: %v", rest[0], err)
	}
	if err := s.EnsureChart(ctx, w.ID); err != nil {
		return err
	}
	rep, err := s.ImportBank(ctx, w.ID, filepath.Base(rest[0]), data, byID)
	if err != nil {
		return err
	}
	printReport(env, rep)
	if rep.Rejected {
		return errors.New("nothing was imported: " + rep.Problem)
	}
	return nil
}

func printReport(env Env, rep store.ImportReport) {
	fmt.Fprintf(env.Stdout, "%s (%s)\n", rep.FileName, rep.Format)
	tw := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "line\tdate\tamount\toutcome\treason")
	for _, l := range rep.Lines {
		date := ""
		if !l.Date.IsZero() {
			date = l.Date.Format("2006-01-02")
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", l.LineNo, date, ledger.FormatAmount(l.AmountCents, 2, false), l.Outcome, l.Reason)
	}
	tw.Flush()
	if rep.Rejected {
		fmt.Fprintf(env.Stdout, "REJECTED: %s\n", rep.Problem)
		return
	}
	fmt.Fprintf(env.Stdout, "imported %d (matched %d, waiting to be matched %d), duplicates %d\n", rep.Imported, rep.Matched, rep.Queued, rep.Duplicates)
}
