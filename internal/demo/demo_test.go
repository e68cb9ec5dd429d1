package demo_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/demo"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/wijk"
)

// now is a fixed moment, so the tests see the same dates on every run.
var now = time.Date(2026, time.March, 14, 15, 30, 0, 0, time.UTC)

// forEachDB runs fn against a fresh SQLite database and, when
// WEI_TEST_POSTGRES_URL is set, a fresh PostgreSQL schema.
func forEachDB(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		fn(t, openSQLite(t))
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		fn(t, openPostgres(t))
	})
}

func openSQLite(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "wei.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// openPostgres opens a migrated schema of its own, like the store tests do.
func openPostgres(t testing.TB) *store.Store {
	t.Helper()
	url := os.Getenv("WEI_TEST_POSTGRES_URL")
	if url == "" {
		t.Skip("WEI_TEST_POSTGRES_URL is not set: skipping the PostgreSQL run of this test")
	}
	ctx := context.Background()
	schema := "t_" + strings.ReplaceAll(wei.NewID(), "-", "")
	admin, err := store.Open(ctx, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := admin.ExecForTest(ctx, "CREATE SCHEMA "+schema); err != nil {
		admin.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.ExecForTest(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	s, err := store.Open(ctx, fmt.Sprintf("%s%ssearch_path=%s", url, sep, schema), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSeed(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		began := time.Now()
		res, err := demo.Seed(ctx, s, now)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: Seed took %v", s.Dialect(), time.Since(began))

		w, err := s.WijkBySlug(ctx, demo.Slug)
		if err != nil {
			t.Fatal(err)
		}
		if w.ID != res.Wijk.ID {
			t.Errorf("Result.Wijk.ID=%s, want %s", res.Wijk.ID, w.ID)
		}
		if res.Password != demo.Password {
			t.Errorf("Result.Password=%q, want %q", res.Password, demo.Password)
		}

		buurten, err := s.Buurten(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(buurten) != 4 {
			t.Errorf("buurten=%d, want 4", len(buurten))
		}

		people, err := s.People(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(people); n < 180 || n > 220 {
			t.Errorf("people=%d, want 180..220", n)
		}
		onBehalf, withEmail := 0, 0
		for _, p := range people {
			if p.ConsentBy != "" {
				onBehalf++
			}
			if p.Email != "" {
				withEmail++
				if !strings.HasSuffix(p.Email, "@example.org") {
					t.Errorf("person %s: Email=%s, want an address at example.org", p.DisplayName, p.Email)
				}
			}
			if p.CreatedAt.After(now) || p.ConsentAt.After(now) {
				t.Errorf("person %s: CreatedAt=%v ConsentAt=%v, want before %v", p.DisplayName, p.CreatedAt, p.ConsentAt, now)
			}
		}
		if share := float64(onBehalf) / float64(len(people)); share < 0.2 || share > 0.3 {
			t.Errorf("registered on behalf=%d of %d, want about a quarter", onBehalf, len(people))
		}
		if withEmail == 0 || withEmail > len(people)/2 {
			t.Errorf("people with e-mail=%d of %d, want a few", withEmail, len(people))
		}

		orgs, err := s.Organisations(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		forms := map[wijk.Form]int{}
		domains := map[wijk.Domain]int{}
		var first, last time.Time
		memberships := 0
		for _, o := range orgs {
			forms[o.Form]++
			if o.Form == wijk.FormPartner {
				domains[o.Domain]++
			}
			ms, err := s.MembershipsOfOrganisation(ctx, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			memberships += len(ms)
			activeTrekker := false
			for _, m := range ms {
				if first.IsZero() || m.StartedOn.Before(first) {
					first = m.StartedOn
				}
				if m.StartedOn.After(last) {
					last = m.StartedOn
				}
				if m.StartedOn.After(now) || m.EndedOn.After(now) {
					t.Errorf("%s: membership %s..%s lies in the future", o.Name, m.StartedOn, m.EndedOn)
				}
				if m.Role == wijk.MemberTrekker && m.Active() {
					activeTrekker = true
				}
				if m.Role == wijk.MemberMedewerker && o.Form != wijk.FormBuurtbedrijf {
					t.Errorf("%s (%s): has a medewerker, want medewerkers only in buurtbedrijven", o.Name, o.Form)
				}
			}
			if o.Form.IsInitiative() && !activeTrekker {
				t.Errorf("%s: no active trekker", o.Name)
			}
		}
		t.Logf("%s: %d people, %d organisations, %d memberships", s.Dialect(), len(people), len(orgs), memberships)
		initiatives := forms[wijk.FormBurgerinitiatief] + forms[wijk.FormZelfstandigBurgerinitiatief] + forms[wijk.FormBuurtbedrijf]
		if initiatives != 20 {
			t.Errorf("initiatives=%d, want 20", initiatives)
		}
		for _, f := range []wijk.Form{wijk.FormBurgerinitiatief, wijk.FormZelfstandigBurgerinitiatief, wijk.FormBuurtbedrijf} {
			if forms[f] < 5 {
				t.Errorf("%s=%d, want at least 5", f, forms[f])
			}
		}
		if forms[wijk.FormWijkcooperatie] != 1 {
			t.Errorf("wijkcoöperaties=%d, want 1", forms[wijk.FormWijkcooperatie])
		}
		for _, d := range wijk.Domains {
			if domains[d] < 2 {
				t.Errorf("partners in %s=%d, want at least 2", d, domains[d])
			}
		}
		if span := last.Sub(first); span < 18*30*24*time.Hour {
			t.Errorf("membership starts span %v (%s..%s), want more than 18 months", span, first.Format(time.DateOnly), last.Format(time.DateOnly))
		}

		// Every role has a demo account that logs in with the demo password.
		verified := map[string]bool{} // argon2id is slow: check each distinct hash once
		for _, role := range account.Roles {
			i := slices.IndexFunc(res.Accounts, func(a demo.Account) bool { return a.Role == role })
			if i < 0 {
				t.Errorf("no demo account for role %s", role)
				continue
			}
			a := res.Accounts[i]
			if !strings.HasSuffix(a.Email, "@example.org") {
				t.Errorf("%s: Email=%s, want an address at example.org", role, a.Email)
			}
			u, err := s.UserByEmail(ctx, a.Email)
			if err != nil {
				t.Fatalf("%s: %v", role, err)
			}
			ok, seen := verified[u.PasswordHash]
			if !seen {
				ok = account.CheckPassword(u.PasswordHash, demo.Password)
				verified[u.PasswordHash] = ok
			}
			if !ok {
				t.Errorf("%s: password does not verify", role)
			}
			if u.IsAdmin != (role == account.RoleBeheerder) {
				t.Errorf("%s: IsAdmin=%v", role, u.IsAdmin)
			}
			grants, err := s.GrantsOfUser(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(grants) != 1 || grants[0].Role != role || grants[0].WijkID != w.ID {
				t.Errorf("%s: grants=%+v, want one %s grant in the wijk", role, grants, role)
				continue
			}
			if role.NeedsOrganisation() {
				o, err := s.Organisation(ctx, grants[0].OrganisationID)
				if err != nil {
					t.Fatal(err)
				}
				if o.Name != a.Organisation {
					t.Errorf("%s: granted for %s, Account.Organisation=%s", role, o.Name, a.Organisation)
				}
			}
			switch role {
			case account.RoleBewoner, account.RoleInitiatiefnemer:
				p, err := s.PersonOfUser(ctx, w.ID, u.ID)
				if err != nil {
					t.Fatalf("%s: %v", role, err)
				}
				ms, err := s.MembershipsOfPerson(ctx, p.ID)
				if err != nil {
					t.Fatal(err)
				}
				if role == account.RoleBewoner {
					n := 0
					for _, m := range ms {
						if m.OrganisationForm.IsInitiative() {
							n++
						}
					}
					if n != 2 {
						t.Errorf("bewoner: member of %d initiatives, want 2", n)
					}
				} else if !slices.ContainsFunc(ms, func(m store.MembershipView) bool {
					return m.OrganisationID == grants[0].OrganisationID && m.Role == wijk.MemberTrekker && m.Active()
				}) {
					t.Errorf("initiatiefnemer: not an active trekker of %s: %+v", a.Organisation, ms)
				}
			}
		}

		// The clock is set back after seeding.
		o := wijk.Organisation{WijkID: w.ID, Name: "Nieuw initiatief", Form: wijk.FormBurgerinitiatief}
		if err := s.CreateOrganisation(ctx, &o); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(o.CreatedAt); d < 0 || d > time.Minute {
			t.Errorf("CreatedAt after Seed=%v, want the real time", o.CreatedAt)
		}

		if _, err := demo.Seed(ctx, s, now); !errors.Is(err, demo.ErrAlreadySeeded) {
			t.Errorf("second Seed: err=%v, want ErrAlreadySeeded", err)
		}
	})
}

// TestSeedDeterministic seeds two databases and compares everything but IDs.
func TestSeedDeterministic(t *testing.T) {
	t.Parallel()
	a, b := openSQLite(t), openSQLite(t)
	fa, fb := fingerprint(t, a), fingerprint(t, b)
	if len(fa) != len(fb) {
		t.Fatalf("lines=%d and %d, want the same", len(fa), len(fb))
	}
	for i := range fa {
		if fa[i] != fb[i] {
			t.Fatalf("line %d: %q, want %q", i, fb[i], fa[i])
		}
	}
}

// fingerprint seeds s and describes its data without IDs, one line per record.
func fingerprint(t *testing.T, s *store.Store) []string {
	t.Helper()
	ctx := context.Background()
	res, err := demo.Seed(ctx, s, now)
	if err != nil {
		t.Fatal(err)
	}
	w := res.Wijk
	var out []string
	people, err := s.People(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	buurt := map[string]string{}
	bs, err := s.Buurten(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		buurt[b.ID] = b.CBSCode
	}
	for _, p := range people {
		out = append(out, fmt.Sprintf("person %s|%s|%s|%s|%v|%v", p.DisplayName, buurt[p.BuurtID], p.Email, p.Phone, p.ConsentBy != "", p.CreatedAt))
	}
	orgs, err := s.Organisations(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		out = append(out, fmt.Sprintf("org %s|%s|%s|%v", o.Name, o.Form, o.Domain, o.CreatedAt))
		ms, err := s.MembershipsOfOrganisation(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			out = append(out, fmt.Sprintf("member %s|%s|%s|%s|%s", o.Name, m.PersonName, m.Role, m.StartedOn.Format(time.DateOnly), m.EndedOn.Format(time.DateOnly)))
		}
	}
	slices.Sort(out)
	return out
}

func TestDescribeMatchesSeed(t *testing.T) {
	d := demo.Describe()
	if len(d.Accounts) != len(account.Roles) {
		t.Fatalf("Describe: %d accounts, want %d", len(d.Accounts), len(account.Roles))
	}
	for i, a := range d.Accounts {
		if a.Role != account.Roles[i] || a.Email == "" {
			t.Errorf("Describe account %d = %+v", i, a)
		}
	}
}
