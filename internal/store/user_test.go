package store_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/store"
)

// mustUser stores a valid account with the e-mail address and name.
func mustUser(t testing.TB, s *store.Store, email, name string) account.User {
	t.Helper()
	u := account.User{Email: email, DisplayName: name}
	if err := s.CreateUser(t.Context(), &u); err != nil {
		t.Fatalf("CreateUser(%s): %v", email, err)
	}
	return u
}

func TestUserRoundTrip(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		in := account.User{Email: " Anna@Example.NL ", DisplayName: " Anna de Vries ", PasswordHash: "$argon2id$x", Locale: "en", IsAdmin: true}
		if err := s.CreateUser(t.Context(), &in); err != nil {
			t.Fatal(err)
		}
		want := account.User{ID: in.ID, Email: "anna@example.nl", DisplayName: "Anna de Vries", PasswordHash: "$argon2id$x",
			Locale: "en", IsAdmin: true, CreatedAt: clk.Stored()}
		got, err := s.User(t.Context(), in.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("User mismatch (-want +got):\n%s", diff)
		}
		got, err = s.UserByEmail(t.Context(), " ANNA@example.nl ")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("UserByEmail mismatch (-want +got):\n%s", diff)
		}

		plain := mustUser(t, s, "bert@example.nl", "Bert")
		got, err = s.User(t.Context(), plain.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Locale != "nl" || got.IsAdmin || got.PasswordHash != "" {
			t.Errorf("Locale, IsAdmin, PasswordHash=%q, %v, %q, want %q, false, \"\"", got.Locale, got.IsAdmin, got.PasswordHash, "nl")
		}
	})
}

func TestUserValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		u      account.User
		fields []string
	}{
		{"no e-mail", account.User{DisplayName: "Anna"}, []string{"email"}},
		{"e-mail without domain dot", account.User{Email: "anna@localhost", DisplayName: "Anna"}, []string{"email"}},
		{"e-mail with name part", account.User{Email: "Anna <anna@example.nl>", DisplayName: "Anna"}, []string{"email"}},
		{"no name", account.User{Email: "anna@example.nl", DisplayName: "  "}, []string{"display_name"}},
		{"name too long", account.User{Email: "anna@example.nl", DisplayName: strings.Repeat("é", 81)}, []string{"display_name"}},
		{"unknown locale", account.User{Email: "anna@example.nl", DisplayName: "Anna", Locale: "de"}, []string{"locale"}},
		{"everything wrong", account.User{Locale: "fr"}, []string{"email", "display_name", "locale"}},
	}
	forEachDB(t, func(t *testing.T, s *store.Store) {
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				u := tc.u
				wantInvalid(t, s.CreateUser(t.Context(), &u), tc.fields...)
			})
		}
		users, err := s.Users(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if len(users) != 0 {
			t.Errorf("len(Users)=%d, want 0 after only invalid creates", len(users))
		}
		// 80 runes is the limit, not 80 bytes.
		mustUser(t, s, "lang@example.nl", strings.Repeat("é", 80))
	})
}

func TestUserDuplicateEmail(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		mustUser(t, s, "anna@example.nl", "Anna")
		for _, email := range []string{"anna@example.nl", "ANNA@Example.nl", "  anna@example.nl"} {
			t.Run(email, func(t *testing.T) {
				u := account.User{Email: email, DisplayName: "Ander"}
				wantCode(t, s.CreateUser(t.Context(), &u), wei.ECONFLICT)
			})
		}
		users, err := s.Users(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if len(users) != 1 || users[0].DisplayName != "Anna" {
			t.Errorf("Users=%+v, want only Anna", users)
		}
	})
}

func TestUserNotFound(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		mustUser(t, s, "anna@example.nl", "Anna")
		tests := []struct {
			name string
			err  func() error
		}{
			{"User", func() error { _, err := s.User(t.Context(), wei.NewID()); return err }},
			{"UserByEmail", func() error { _, err := s.UserByEmail(t.Context(), "bert@example.nl"); return err }},
			{"SetPassword", func() error { return s.SetPassword(t.Context(), wei.NewID(), "h") }},
			{"SetUserLocale", func() error { return s.SetUserLocale(t.Context(), wei.NewID(), "en") }},
			{"SetAdmin", func() error { return s.SetAdmin(t.Context(), wei.NewID(), true) }},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				wantCode(t, tc.err(), wei.ENOTFOUND)
			})
		}
	})
}

func TestUsersByName(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		mustUser(t, s, "zoe@example.nl", "Zoë")
		mustUser(t, s, "bert@example.nl", "Bert")
		gone := mustUser(t, s, "anna@example.nl", "Anna")
		if err := s.EraseUser(t.Context(), gone.ID, "", ""); err != nil {
			t.Fatal(err)
		}
		users, err := s.Users(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, u := range users {
			names = append(names, u.DisplayName)
		}
		if diff := cmp.Diff([]string{"Bert", "Zoë"}, names); diff != "" {
			t.Errorf("Users mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestSetPassword(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		u := mustUser(t, s, "anna@example.nl", "Anna")
		for _, hash := range []string{"$argon2id$one", "$argon2id$two", ""} {
			if err := s.SetPassword(t.Context(), u.ID, hash); err != nil {
				t.Fatal(err)
			}
			got, err := s.User(t.Context(), u.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.PasswordHash != hash {
				t.Errorf("PasswordHash=%q, want %q", got.PasswordHash, hash)
			}
		}
	})
}

func TestSetUserLocale(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		u := mustUser(t, s, "anna@example.nl", "Anna")
		tests := []struct {
			lang string
			code string
			want string
		}{
			{"en", "", "en"},
			{"de", wei.EINVALID, "en"},
			{"", wei.EINVALID, "en"},
			{"nl", "", "nl"},
		}
		for _, tc := range tests {
			t.Run(fmt.Sprintf("lang %q", tc.lang), func(t *testing.T) {
				wantCode(t, s.SetUserLocale(t.Context(), u.ID, tc.lang), tc.code)
				got, err := s.User(t.Context(), u.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.Locale != tc.want {
					t.Errorf("Locale=%q, want %q", got.Locale, tc.want)
				}
			})
		}
	})
}

func TestSetAdmin(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		u := mustUser(t, s, "anna@example.nl", "Anna")
		for _, admin := range []bool{true, false} {
			if err := s.SetAdmin(t.Context(), u.ID, admin); err != nil {
				t.Fatal(err)
			}
			got, err := s.User(t.Context(), u.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.IsAdmin != admin {
				t.Errorf("IsAdmin=%v, want %v", got.IsAdmin, admin)
			}
		}
	})
}

// TestCreateUsersConcurrently checks the write path under load: on SQLite
// the single-connection writer pool and busy_timeout must queue writers
// instead of failing with SQLITE_BUSY; on both engines the unique e-mail
// must let exactly one of many racing sign-ups win.
func TestCreateUsersConcurrently(t *testing.T) {
	t.Parallel()
	const n = 20
	forEachDB(t, func(t *testing.T, s *store.Store) {
		t.Run("distinct e-mails", func(t *testing.T) {
			errs := make([]error, n)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := range n {
				wg.Go(func() {
					<-start
					u := account.User{Email: fmt.Sprintf("user%02d@example.nl", i), DisplayName: fmt.Sprintf("User %02d", i)}
					errs[i] = s.CreateUser(t.Context(), &u)
				})
			}
			close(start)
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("CreateUser #%d=%v, want nil", i, err)
				}
			}
			users, err := s.Users(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if len(users) != n {
				t.Errorf("len(Users)=%d, want %d", len(users), n)
			}
		})
		t.Run("same e-mail", func(t *testing.T) {
			errs := make([]error, n)
			var wg sync.WaitGroup
			start := make(chan struct{})
			for i := range n {
				wg.Go(func() {
					<-start
					u := account.User{Email: "same@example.nl", DisplayName: fmt.Sprintf("Racer %02d", i)}
					errs[i] = s.CreateUser(t.Context(), &u)
				})
			}
			close(start)
			wg.Wait()
			codes := map[string]int{}
			for _, err := range errs {
				codes[wei.ErrorCode(err)]++
			}
			if diff := cmp.Diff(map[string]int{"": 1, wei.ECONFLICT: n - 1}, codes); diff != "" {
				t.Errorf("error codes mismatch (-want +got):\n%s\nerrors: %v", diff, errs)
			}
			if _, err := s.UserByEmail(t.Context(), "same@example.nl"); err != nil {
				t.Errorf("UserByEmail(winner)=%v, want nil", err)
			}
		})
	})
}
