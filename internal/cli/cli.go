// Package cli holds the subcommands of the wei binary. Each subcommand is a
// function with its own flag set; Run dispatches on the first argument.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"runtime/debug"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/config"
	"github.com/wei-platform/wei/internal/store"
)

// Version is set at build time with -ldflags "-X .../internal/cli.Version=v1.2.3".
var Version = "dev"

const usage = `wei — platform for resident-led neighbourhood development

Usage: wei <command> [flags]

Commands:
  serve     run the web server (add --demo for a demo wijk, --migrate to upgrade the database)
  migrate   bring the database schema up to date
  demo      fill the database with a fictional demo wijk
  backup    write a consistent copy of the database to a file
  user      create an account or reset its password
  import    import a bank statement or CBS data: wei import bank --wijk SLUG FILE,
            wei import cbs --kind buurten|kerncijfers|postcodes [--year N] FILE
  export    export the books: wei export ledger --wijk SLUG --format csv|xlsx|hledger
  jobs      list the background jobs of wei serve with their last and next run
  verify    check the books in full (hash chain, balances): wei verify [--wijk SLUG]
  version   print the version

Run 'wei <command> -h' for the flags of a command.
Settings come from flags, then environment variables (WEI_DB, WEI_ADDR, WEI_BASE_URL, WEI_SMTP_*), then defaults.
`

// errUsage marks errors caused by wrong command-line use (exit code 2).
var errUsage = errors.New("usage")

// ExitCode returns the process exit code for an error of Run.
func ExitCode(err error) int {
	if errors.Is(err, errUsage) || errors.Is(err, flag.ErrHelp) {
		return 2
	}
	return 1
}

// Env is what every subcommand gets from the process.
type Env struct {
	Getenv func(string) string
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// Run runs the subcommand named in args[1].
func Run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	env := Env{Getenv: getenv, Stdin: stdin, Stdout: stdout, Stderr: stderr}
	if len(args) < 2 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("%w: no command given", errUsage)
	}
	cmd, rest := args[1], args[2:]
	switch cmd {
	case "serve":
		return serve(ctx, env, rest)
	case "migrate":
		return migrate(ctx, env, rest)
	case "demo":
		return demoCmd(ctx, env, rest)
	case "backup":
		return backup(ctx, env, rest)
	case "user":
		return user(ctx, env, rest)
	case "import":
		return importCmd(ctx, env, rest)
	case "export":
		return exportCmd(ctx, env, rest)
	case "jobs":
		return jobsCmd(ctx, env, rest)
	case "verify":
		return verifyCmd(ctx, env, rest)
	case "version":
		fmt.Fprintln(stdout, "wei", version())
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
}

func version() string {
	if Version != "dev" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return Version
}

// load parses the flags of a subcommand; wrong flags are usage errors.
func load(name string, args []string, env Env, serve bool, extra func(*flag.FlagSet)) (config.Config, error) {
	c, _, err := config.LoadWith(name, args, env.Getenv, serve, func(fs *flag.FlagSet) {
		fs.SetOutput(env.Stderr)
		if extra != nil {
			extra(fs)
		}
	})
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, fmt.Errorf("%w: %v", errUsage, err)
	}
	return c, nil
}

func newLogger(c config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// openStore opens the database and turns failures into one plain line that
// names the database and what to do.
func openStore(ctx context.Context, c config.Config, log *slog.Logger) (*store.Store, error) {
	s, err := store.Open(ctx, c.DB, log)
	if err != nil {
		return nil, fmt.Errorf("cannot open database %s: %v (check --db / WEI_DB and that the folder exists and is writable)", describeDB(c.DB), err)
	}
	return s, nil
}

func describeDB(dsn string) string {
	if store.IsPostgres(dsn) {
		return "PostgreSQL"
	}
	return dsn
}

// ensureSchema migrates when asked or when the database is new, and
// otherwise refuses a schema that is not current.
func ensureSchema(ctx context.Context, s *store.Store, migrate bool, log *slog.Logger) error {
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("cannot read database %s: %v (is it a WEI database?)", s.Name(), err)
	}
	if v > s.LatestVersion() {
		return errors.New(wei.ErrorMessage(s.CheckSchema(ctx)))
	}
	if migrate || v == 0 {
		n, err := s.Migrate(ctx)
		if err != nil {
			return fmt.Errorf("migrating database %s: %w", s.Name(), err)
		}
		if n > 0 {
			log.Info("database migrated", slog.Int("applied", n), slog.Int("version", s.LatestVersion()))
		}
		// Wijken from before the WEI-proces module get the default checklist.
		if err := s.EnsureCriteria(ctx); err != nil {
			return fmt.Errorf("setting up the checklists in %s: %w", s.Name(), err)
		}
		return nil
	}
	if err := s.CheckSchema(ctx); err != nil {
		return errors.New(wei.ErrorMessage(err))
	}
	return nil
}

// schemaPolicy says what a command does with the schema it finds.
type schemaPolicy int

const (
	schemaCheck   schemaPolicy = iota // refuse anything but the current schema
	schemaMigrate                     // bring it up to date
	schemaServe                       // set up a new database, migrate only with --migrate
)

// openDB parses a command's flags, opens the database and applies the
// schema policy. The caller closes the store.
func openDB(ctx context.Context, env Env, name string, args []string, policy schemaPolicy, extra func(*flag.FlagSet)) (config.Config, *slog.Logger, *store.Store, error) {
	c, err := load(name, args, env, policy == schemaServe, extra)
	if err != nil {
		return c, nil, nil, err
	}
	log := newLogger(c, env.Stderr)
	s, err := openStore(ctx, c, log)
	if err != nil {
		return c, log, nil, err
	}
	switch policy {
	case schemaCheck:
		if err := s.CheckSchema(ctx); err != nil {
			err = errors.New(wei.ErrorMessage(err))
		}
	case schemaMigrate:
		err = ensureSchema(ctx, s, true, log)
	case schemaServe:
		err = ensureSchema(ctx, s, c.Migrate, log)
	}
	if err != nil {
		s.Close()
		return c, log, nil, err
	}
	return c, log, s, nil
}
