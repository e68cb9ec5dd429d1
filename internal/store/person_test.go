package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/wijk"
)

// mustPerson stores a valid resident of a wijk, without an account.
func mustPerson(t testing.TB, s *store.Store, wijkID, name string) wijk.Person {
	t.Helper()
	p := wijk.Person{WijkID: wijkID, DisplayName: name, ConsentAt: t0}
	if err := s.CreatePerson(t.Context(), &p); err != nil {
		t.Fatalf("CreatePerson(%s): %v", name, err)
	}
	return p
}

func TestPersonRoundTrip(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		w := mustWijk(t, s, "noord", "Noord")
		b := mustBuurt(t, s, w.ID, "Parkbuurt")
		anna := mustUser(t, s, "anna@example.nl", "Anna")
		coord := mustUser(t, s, "coord@example.nl", "Coördinator")
		clk.Add(time.Minute)
		consent := clk.Now().Add(-time.Second)

		in := wijk.Person{WijkID: w.ID, BuurtID: b.ID, DisplayName: " Anna de Vries ", Email: " Anna@Example.NL ",
			Phone: " +31 6 1234 5678 ", UserID: anna.ID, ConsentBy: coord.ID, ConsentAt: consent}
		if err := s.CreatePerson(t.Context(), &in); err != nil {
			t.Fatal(err)
		}
		want := wijk.Person{ID: in.ID, WijkID: w.ID, BuurtID: b.ID, DisplayName: "Anna de Vries", Email: "anna@example.nl",
			Phone: "+31 6 1234 5678", UserID: anna.ID, ConsentBy: coord.ID, ConsentAt: consent.Truncate(time.Millisecond),
			CreatedAt: clk.Stored()}

		reads := []struct {
			name string
			get  func() ([]wijk.Person, error)
		}{
			{"Person", func() ([]wijk.Person, error) { p, err := s.Person(t.Context(), in.ID); return []wijk.Person{p}, err }},
			{"PersonOfUser", func() ([]wijk.Person, error) {
				p, err := s.PersonOfUser(t.Context(), w.ID, anna.ID)
				return []wijk.Person{p}, err
			}},
			{"PeopleOfUser", func() ([]wijk.Person, error) { return s.PeopleOfUser(t.Context(), anna.ID) }},
			{"People", func() ([]wijk.Person, error) { return s.People(t.Context(), w.ID) }},
		}
		for _, r := range reads {
			t.Run(r.name, func(t *testing.T) {
				got, err := r.get()
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff([]wijk.Person{want}, got); diff != "" {
					t.Errorf("%s mismatch (-want +got):\n%s", r.name, diff)
				}
			})
		}

		// Optional references stay empty, not NULL-scan errors.
		bare := mustPerson(t, s, w.ID, "Bert")
		got, err := s.Person(t.Context(), bare.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.BuurtID != "" || got.UserID != "" || got.ConsentBy != "" || !got.ErasedAt.IsZero() {
			t.Errorf("BuurtID, UserID, ConsentBy, ErasedAt=%q, %q, %q, %v, want all empty", got.BuurtID, got.UserID, got.ConsentBy, got.ErasedAt)
		}
	})
}

func TestPersonValidation(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "noord", "Noord")
		valid := func() wijk.Person { return wijk.Person{WijkID: w.ID, DisplayName: "Anna", ConsentAt: t0} }
		tests := []struct {
			name   string
			change func(*wijk.Person)
			fields []string
		}{
			{"no wijk", func(p *wijk.Person) { p.WijkID = "" }, []string{"wijk_id"}},
			{"no name", func(p *wijk.Person) { p.DisplayName = " " }, []string{"display_name"}},
			{"name too long", func(p *wijk.Person) { p.DisplayName = strings.Repeat("ë", 81) }, []string{"display_name"}},
			{"bad e-mail", func(p *wijk.Person) { p.Email = "anna@" }, []string{"email"}},
			{"bad phone", func(p *wijk.Person) { p.Phone = "call me" }, []string{"phone"}},
			{"no consent", func(p *wijk.Person) { p.ConsentAt = time.Time{} }, []string{"consent"}},
			{"several", func(p *wijk.Person) { p.DisplayName, p.Phone, p.ConsentAt = "", "12", time.Time{} }, []string{"display_name", "phone", "consent"}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				p := valid()
				tc.change(&p)
				wantInvalid(t, s.CreatePerson(t.Context(), &p), tc.fields...)
			})
		}
		n, err := s.CountPeople(t.Context(), w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("CountPeople=%d, want 0 after only invalid creates", n)
		}
	})
}

func TestPersonReferences(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "noord", "Noord")
		other := mustWijk(t, s, "zuid", "Zuid")
		otherBuurt := mustBuurt(t, s, other.ID, "Elders")
		anna := mustUser(t, s, "anna@example.nl", "Anna")
		tests := []struct {
			name   string
			p      wijk.Person
			code   string
			fields []string
		}{
			{"buurt of another wijk", wijk.Person{WijkID: w.ID, BuurtID: otherBuurt.ID}, wei.EINVALID, []string{"buurt_id"}},
			{"unknown buurt", wijk.Person{WijkID: w.ID, BuurtID: wei.NewID()}, wei.EINVALID, []string{"buurt_id"}},
			{"unknown wijk", wijk.Person{WijkID: wei.NewID()}, wei.EINVALID, nil},
			{"unknown account", wijk.Person{WijkID: w.ID, UserID: wei.NewID()}, wei.EINVALID, nil},
			{"unknown consent giver", wijk.Person{WijkID: w.ID, ConsentBy: wei.NewID()}, wei.EINVALID, nil},
			{"account's first record in wijk", wijk.Person{WijkID: w.ID, UserID: anna.ID}, "", nil},
			{"account's second record in wijk", wijk.Person{WijkID: w.ID, UserID: anna.ID}, wei.ECONFLICT, nil},
			{"account's record in another wijk", wijk.Person{WijkID: other.ID, UserID: anna.ID}, "", nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				p := tc.p
				p.DisplayName, p.ConsentAt = "Anna", t0
				err := s.CreatePerson(t.Context(), &p)
				if tc.fields != nil {
					wantInvalid(t, err, tc.fields...)
					return
				}
				wantCode(t, err, tc.code)
			})
		}
		people, err := s.PeopleOfUser(t.Context(), anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(people) != 2 {
			t.Errorf("len(PeopleOfUser)=%d, want 2", len(people))
		}
		// Many people without an account may share a wijk (NULL user_id is not unique).
		mustPerson(t, s, w.ID, "Bert")
		mustPerson(t, s, w.ID, "Bert")
	})
}

func TestUpdatePerson(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "noord", "Noord")
		b := mustBuurt(t, s, w.ID, "Parkbuurt")
		other := mustWijk(t, s, "zuid", "Zuid")
		otherBuurt := mustBuurt(t, s, other.ID, "Elders")
		p := mustPerson(t, s, w.ID, "Anna")

		p.BuurtID, p.DisplayName, p.Email, p.Phone = b.ID, " Anna de Vries ", "ANNA@example.nl", "020-1234567"
		if err := s.UpdatePerson(t.Context(), &p); err != nil {
			t.Fatal(err)
		}
		got, err := s.Person(t.Context(), p.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := p
		want.DisplayName, want.Email = "Anna de Vries", "anna@example.nl"
		want.ConsentAt, want.CreatedAt = p.ConsentAt.Truncate(time.Millisecond), p.CreatedAt.Truncate(time.Millisecond)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Person after update mismatch (-want +got):\n%s", diff)
		}

		tests := []struct {
			name   string
			change func(*wijk.Person)
			code   string
			fields []string
		}{
			{"buurt of another wijk", func(x *wijk.Person) { x.BuurtID = otherBuurt.ID }, wei.EINVALID, []string{"buurt_id"}},
			{"invalid", func(x *wijk.Person) { x.Email = "nope" }, wei.EINVALID, []string{"email"}},
			{"through another wijk", func(x *wijk.Person) { x.WijkID, x.BuurtID = other.ID, "" }, wei.ENOTFOUND, nil},
			{"unknown ID", func(x *wijk.Person) { x.ID = wei.NewID() }, wei.ENOTFOUND, nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				x := got
				x.DisplayName = "Changed"
				tc.change(&x)
				err := s.UpdatePerson(t.Context(), &x)
				if tc.fields != nil {
					wantInvalid(t, err, tc.fields...)
				} else {
					wantCode(t, err, tc.code)
				}
				after, err := s.Person(t.Context(), p.ID)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(got, after); diff != "" {
					t.Errorf("failed update changed the person (-want +got):\n%s", diff)
				}
			})
		}

		t.Run("clear buurt", func(t *testing.T) {
			x := got
			x.BuurtID = ""
			if err := s.UpdatePerson(t.Context(), &x); err != nil {
				t.Fatal(err)
			}
			after, err := s.Person(t.Context(), p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if after.BuurtID != "" {
				t.Errorf("BuurtID=%q, want \"\"", after.BuurtID)
			}
		})

		t.Run("erased", func(t *testing.T) {
			if err := s.ErasePerson(t.Context(), w.ID, p.ID, "", ""); err != nil {
				t.Fatal(err)
			}
			x := got
			x.BuurtID = ""
			wantCode(t, s.UpdatePerson(t.Context(), &x), wei.ENOTFOUND)
			after, err := s.Person(t.Context(), p.ID)
			if err != nil {
				t.Fatal(err)
			}
			if after.DisplayName != wijk.ErasedName {
				t.Errorf("DisplayName=%q, want %q", after.DisplayName, wijk.ErasedName)
			}
		})
	})
}

func TestPersonNotFound(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "noord", "Noord")
		other := mustWijk(t, s, "zuid", "Zuid")
		anna := mustUser(t, s, "anna@example.nl", "Anna")
		p := wijk.Person{WijkID: w.ID, DisplayName: "Anna", UserID: anna.ID, ConsentAt: t0}
		if err := s.CreatePerson(t.Context(), &p); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name string
			err  func() error
		}{
			{"Person", func() error { _, err := s.Person(t.Context(), wei.NewID()); return err }},
			{"PersonOfUser in other wijk", func() error { _, err := s.PersonOfUser(t.Context(), other.ID, anna.ID); return err }},
			{"PersonOfUser of unknown user", func() error { _, err := s.PersonOfUser(t.Context(), w.ID, wei.NewID()); return err }},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				wantCode(t, tc.err(), wei.ENOTFOUND)
			})
		}
	})
}

func TestPeopleListAndCount(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "noord", "Noord")
		other := mustWijk(t, s, "zuid", "Zuid")
		for _, n := range []string{"Zoë", "Anna", "Mo"} {
			mustPerson(t, s, w.ID, n)
		}
		gone := mustPerson(t, s, w.ID, "Bert")
		mustPerson(t, s, other.ID, "Elders")
		if err := s.ErasePerson(t.Context(), w.ID, gone.ID, "", ""); err != nil {
			t.Fatal(err)
		}
		people, err := s.People(t.Context(), w.ID)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, p := range people {
			names = append(names, p.DisplayName)
		}
		if diff := cmp.Diff([]string{"Anna", "Mo", "Zoë"}, names); diff != "" {
			t.Errorf("People mismatch (-want +got):\n%s", diff)
		}
		n, err := s.CountPeople(t.Context(), w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if n != 3 {
			t.Errorf("CountPeople=%d, want 3", n)
		}
	})
}
