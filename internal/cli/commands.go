package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/demo"
	"github.com/wei-platform/wei/internal/store"
)

func migrate(ctx context.Context, env Env, args []string) error {
	_, _, s, err := openDB(ctx, env, "migrate", args, schemaMigrate, nil)
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Fprintf(env.Stdout, "database %s is at schema version %d\n", s.Name(), s.LatestVersion())
	return nil
}

func demoCmd(ctx context.Context, env Env, args []string) error {
	_, _, s, err := openDB(ctx, env, "demo", args, schemaMigrate, nil)
	if err != nil {
		return err
	}
	defer s.Close()
	return seedDemo(ctx, env, s)
}

// seedDemo fills the database with the demo wijk and prints the demo
// accounts. Demo data that is already there is left as it is.
func seedDemo(ctx context.Context, env Env, s *store.Store) error {
	res, err := demo.Seed(ctx, s, time.Now())
	if errors.Is(err, demo.ErrAlreadySeeded) {
		fmt.Fprintln(env.Stdout, "Demo data is already present; it was left as it is.")
		res = demo.Describe()
	} else if err != nil {
		return fmt.Errorf("loading demo data: %w", err)
	} else {
		fmt.Fprintf(env.Stdout, "Demo wijk %q loaded.\n", res.Wijk.Name)
	}
	fmt.Fprintf(env.Stdout, "Demo accounts (password for all: %s):\n", res.Password)
	for _, a := range res.Accounts {
		extra := ""
		if a.Organisation != "" {
			extra = " (" + a.Organisation + ")"
		}
		fmt.Fprintf(env.Stdout, "  %-16s %s%s\n", a.Role, a.Email, extra)
	}
	return nil
}

func backup(ctx context.Context, env Env, args []string) error {
	var out string
	c, _, s, err := openDB(ctx, env, "backup", args, schemaCheck, func(fs *flag.FlagSet) {
		fs.StringVar(&out, "o", "", "file to write the backup to (must not exist); default wei-backup-<time>.db")
	})
	if err != nil {
		return err
	}
	defer s.Close()
	if out == "" {
		ext := ".db"
		if store.IsPostgres(c.DB) {
			ext = ".dump"
		}
		out = "wei-backup-" + time.Now().UTC().Format("20060102-150405") + ext
	}
	if err := s.Backup(ctx, out, c.DB); err != nil {
		if errors.Is(err, store.ErrNoPgDump) {
			return errors.New(strings.TrimPrefix(err.Error(), "store: "))
		}
		return err
	}
	fmt.Fprintf(env.Stdout, "backup written to %s\n", out)
	return nil
}

// user creates an account or resets its password from the shell, for the
// first administrator and for staff who lost their password.
func user(ctx context.Context, env Env, args []string) error {
	const help = "usage: wei user create --email E --name N [--admin] [--wijk SLUG --role ROLE] [--password-stdin]\n       wei user reset --email E [--password-stdin]"
	if len(args) < 1 || (args[0] != "create" && args[0] != "reset") {
		fmt.Fprintln(env.Stderr, help)
		return fmt.Errorf("%w: wei user needs 'create' or 'reset'", errUsage)
	}
	sub := args[0]
	var email, name, wijkSlug, role string
	var admin, pwStdin bool
	_, _, s, err := openDB(ctx, env, "user "+sub, args[1:], schemaCheck, func(fs *flag.FlagSet) {
		fs.StringVar(&email, "email", "", "e-mail address of the account")
		fs.BoolVar(&pwStdin, "password-stdin", false, "read the password from standard input instead of generating one")
		if sub == "create" {
			fs.StringVar(&name, "name", "", "display name")
			fs.BoolVar(&admin, "admin", false, "make the account a site administrator")
			fs.StringVar(&wijkSlug, "wijk", "", "wijk (slug) to grant a role in")
			fs.StringVar(&role, "role", "", "role to grant in the wijk: "+rolesList())
		}
	})
	if err != nil {
		return err
	}
	defer s.Close()
	pw := ""
	if pwStdin {
		line, err := bufio.NewReader(env.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("reading the password from standard input: %w", err)
		}
		pw = strings.TrimRight(line, "\r\n")
	} else {
		pw = wei.RandomToken(9)
	}
	if err := account.CheckPasswordStrength(pw); err != nil {
		return fmt.Errorf("the password must be at least %d characters", account.MinPasswordLength)
	}
	hash, err := account.HashPassword(pw)
	if err != nil {
		return err
	}
	if sub == "reset" {
		u, err := s.UserByEmail(ctx, email)
		if err != nil {
			return fmt.Errorf("no account with e-mail address %q", email)
		}
		if err := s.SetPassword(ctx, u.ID, hash); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "password of %s reset; all its sessions ended\n", u.Email)
	} else {
		if role != "" && wijkSlug == "" || role == "" && wijkSlug != "" {
			return fmt.Errorf("%w: --wijk and --role go together", errUsage)
		}
		u := account.User{Email: email, DisplayName: name, PasswordHash: hash, IsAdmin: admin}
		var g *account.Grant
		if wijkSlug != "" {
			w, err := s.WijkBySlug(ctx, wijkSlug)
			if err != nil {
				return fmt.Errorf("no wijk with slug %q", wijkSlug)
			}
			g = &account.Grant{WijkID: w.ID, Role: account.Role(role), UserID: "pending"}
			if err := g.Validate(); err != nil {
				return fmt.Errorf("role %q: %s (roles: %s; initiatiefnemer and partner are granted per organisation in the web pages)", role, fieldText(err), rolesList())
			}
		}
		if err := s.CreateUser(ctx, &u); err != nil {
			return fmt.Errorf("cannot create the account: %s", fieldText(err))
		}
		if g != nil {
			g.UserID = u.ID
			if err := s.AddGrant(ctx, g); err != nil {
				return fmt.Errorf("account created, but the role was not granted: %s", fieldText(err))
			}
		}
		fmt.Fprintf(env.Stdout, "account %s created\n", u.Email)
	}
	if !pwStdin {
		fmt.Fprintf(env.Stdout, "password: %s\n", pw)
	}
	return nil
}

func rolesList() string {
	var b []string
	for _, r := range account.Roles {
		b = append(b, string(r))
	}
	return strings.Join(b, ", ")
}

// fieldText renders a validation error for the terminal.
func fieldText(err error) string {
	var e *wei.Error
	if errors.As(err, &e) && len(e.Fields) > 0 {
		var parts []string
		for f, m := range e.Fields {
			parts = append(parts, f+": "+m)
		}
		return e.Message + " (" + strings.Join(parts, ", ") + ")"
	}
	return wei.ErrorMessage(err)
}
