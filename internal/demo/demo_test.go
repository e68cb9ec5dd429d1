package demo_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/demo"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/internal/store/storetest"
	"github.com/wei-platform/wei/proces"
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
	return storetest.SQLite(t)
}

// openPostgres opens a migrated database of its own, like the store tests do.
func openPostgres(t testing.TB) *store.Store {
	t.Helper()
	return storetest.Postgres(t)
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
		ins, err := s.Initiatives(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		ended := map[string]bool{}
		for _, in := range ins {
			ended[in.ID] = in.Phase == proces.PhaseEnded
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
			if o.Form.IsInitiative() && !ended[o.ID] && !activeTrekker {
				t.Errorf("%s: no active trekker", o.Name)
			}
		}
		t.Logf("%s: %d people, %d organisations, %d memberships", s.Dialect(), len(people), len(orgs), memberships)
		initiatives := forms[wijk.FormBurgerinitiatief] + forms[wijk.FormZelfstandigBurgerinitiatief] + forms[wijk.FormBuurtbedrijf]
		if initiatives != 20 {
			t.Errorf("initiatives=%d, want 20", initiatives)
		}
		// The young initiatives are burgerinitiatieven; those in the
		// ontwikkel and autonome fase became zelfstandig or a buurtbedrijf.
		for f, least := range map[wijk.Form]int{wijk.FormBurgerinitiatief: 10, wijk.FormZelfstandigBurgerinitiatief: 3, wijk.FormBuurtbedrijf: 3} {
			if forms[f] < least {
				t.Errorf("%s=%d, want at least %d", f, forms[f], least)
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

// TestSeedProces checks the WEI-proces of the demo wijk: initiatives in
// every phase with a valid phase log, people events with the phase of
// their day, Action Learning, cooperations with a gap, and flow figures
// that show something for the last twelve months.
func TestSeedProces(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		res, err := demo.Seed(ctx, s, now)
		if err != nil {
			t.Fatal(err)
		}
		w, today := res.Wijk, proces.Day(now)

		ins, err := s.Initiatives(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ins) != 20 {
			t.Errorf("initiatives=%d, want 20", len(ins))
		}
		byPhase := map[proces.Phase][]store.Initiative{}
		names := map[string]string{}
		for _, in := range ins {
			byPhase[in.Phase] = append(byPhase[in.Phase], in)
			names[in.ID] = in.Name
			switch in.Phase {
			case proces.PhaseInformatie, proces.PhaseOntstaan, proces.PhaseEnded:
				if in.Form != wijk.FormBurgerinitiatief {
					t.Errorf("%s in %s: form %s, want burgerinitiatief", in.Name, in.Phase, in.Form)
				}
			case proces.PhaseAutonoom:
				if in.Form == wijk.FormBurgerinitiatief {
					t.Errorf("%s in %s: still a burgerinitiatief, want zelfstandig or buurtbedrijf", in.Name, in.Phase)
				}
			}
		}
		for _, ph := range proces.Phases {
			if n := len(byPhase[ph]); n < 4 {
				t.Errorf("initiatives in %s=%d, want at least 4", ph, n)
			}
		}
		if n := len(byPhase[proces.PhaseEnded]); n != 1 {
			t.Errorf("ended initiatives=%d, want 1", n)
		}

		// Every phase log: seq 1..n, dates in order and not in the future,
		// starting in the informatiefase, each event from the phase before.
		logs := map[string][]proces.PhaseEvent{}
		undone, overridden := false, false
		for _, in := range ins {
			evs, err := s.PhaseEvents(ctx, in.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(evs) == 0 {
				t.Errorf("%s: no phase events", in.Name)
				continue
			}
			for i, ev := range evs {
				if ev.Seq != i+1 {
					t.Errorf("%s: event %d has seq %d", in.Name, i, ev.Seq)
				}
				if i == 0 {
					if ev.To != proces.PhaseInformatie || ev.From != "" || !ev.On.Equal(proces.Day(in.CreatedAt)) {
						t.Errorf("%s: first event %s -> %s on %s, want informatie on the day it was made", in.Name, ev.From, ev.To, ev.On.Format(time.DateOnly))
					}
				} else {
					if ev.On.Before(evs[i-1].On) {
						t.Errorf("%s: event %d on %s, before the one before it", in.Name, ev.Seq, ev.On.Format(time.DateOnly))
					}
					if ev.From != evs[i-1].To {
						t.Errorf("%s: event %d from %s, want %s", in.Name, ev.Seq, ev.From, evs[i-1].To)
					}
				}
				if ev.On.After(today) {
					t.Errorf("%s: event %d on %s lies in the future", in.Name, ev.Seq, ev.On.Format(time.DateOnly))
				}
				if ev.Reason == "Per ongeluk verzet" && ev.To == ev.From.Prev() {
					undone = true
				}
				if ev.Override {
					overridden = true
					if ev.Reason == "" {
						t.Errorf("%s: override without a reason", in.Name)
					}
				}
				if ev.To == proces.PhaseEnded && ev.Reason == "" {
					t.Errorf("%s: ended without a reason", in.Name)
				}
			}
			if last := evs[len(evs)-1]; last.To != in.Phase || last.Seq != in.PhaseSeq {
				t.Errorf("%s: last event %d to %s, initiative in %s (seq %d)", in.Name, last.Seq, last.To, in.Phase, in.PhaseSeq)
			}
			logs[in.ID] = evs

			fes, err := s.FormEvents(ctx, in.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(fes) == 0 || fes[0].To != wijk.FormBurgerinitiatief || fes[len(fes)-1].To != in.Form {
				t.Errorf("%s: form history %+v, want from burgerinitiatief to %s", in.Name, fes, in.Form)
			}
		}
		if !undone {
			t.Error("no mistaken move undone with a move back")
		}
		if !overridden {
			t.Error("no override with a reason")
		}

		// People events carry the phase of the initiative on their day.
		phaseOn := func(id string, d time.Time) proces.Phase {
			evs := logs[id]
			ph := evs[0].To
			for _, ev := range evs {
				if !ev.On.After(d) {
					ph = ev.To
				}
			}
			return ph
		}
		pes, err := s.PeopleEventsOfWijk(ctx, w.ID, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[proces.FlowKind]int{}
		reasons := 0
		for _, e := range pes {
			kinds[e.Kind]++
			if e.Kind == proces.Uitstroom && e.Reason != "" {
				reasons++
			}
			if _, ok := logs[e.InitiativeID]; !ok {
				t.Errorf("people event of %s, which is no initiative of the wijk", e.InitiativeID)
				continue
			}
			if want := phaseOn(e.InitiativeID, e.On); e.Phase != want {
				t.Errorf("%s of %s on %s: phase %s, want %s", e.Kind, names[e.InitiativeID], e.On.Format(time.DateOnly), e.Phase, want)
			}
			if e.On.After(today) {
				t.Errorf("%s of %s on %s lies in the future", e.Kind, names[e.InitiativeID], e.On.Format(time.DateOnly))
			}
		}
		for _, k := range proces.FlowKinds {
			if kinds[k] == 0 {
				t.Errorf("no %s events", k)
			}
		}
		if reasons == 0 {
			t.Error("no uitstroom with a reason")
		}
		t.Logf("%s: people events %v", s.Dialect(), kinds)

		// Action Learning.
		sessions, err := s.Sessions(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(sessions); n < 6 || n > 10 {
			t.Errorf("sessions=%d, want 6..10", n)
		}
		for _, se := range sessions {
			if len(se.Skills) == 0 || len(se.Attendees) == 0 {
				t.Errorf("session %q: skills %v, %d attendees", se.Title, se.Skills, len(se.Attendees))
			}
		}
		for _, ph := range []proces.Phase{proces.PhaseOntwikkel, proces.PhaseAutonoom} {
			for _, in := range byPhase[ph] {
				rs, err := s.Reflections(ctx, in.ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(rs) < 2 || len(rs) > 4 {
					t.Errorf("%s: %d reflection moments, want 2..4", in.Name, len(rs))
				}
				for _, r := range rs {
					if len(r.Participants) == 0 || r.NextAction == "" {
						t.Errorf("%s: reflection on %s has %d participants, next action %q", in.Name, r.On.Format(time.DateOnly), len(r.Participants), r.NextAction)
					}
				}
			}
		}

		// The cooperation matrix: most initiatives in the ontwikkel and
		// autonome fase have a partner, and some phase shows a gap.
		coops, err := s.Cooperations(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		partnered := map[string]bool{}
		for _, c := range coops {
			if c.Until.IsZero() {
				partnered[c.InitiativeID] = true
			}
		}
		gap, mature, withPartner := false, 0, 0
		for _, ph := range proces.Phases {
			for _, in := range byPhase[ph] {
				if !partnered[in.ID] {
					gap = true
				}
				if ph == proces.PhaseOntwikkel || ph == proces.PhaseAutonoom {
					mature++
					if partnered[in.ID] {
						withPartner++
					}
				}
			}
		}
		if !gap {
			t.Error("every initiative has a partner: want a gap in the cooperation matrix")
		}
		if withPartner*3 < mature*2 {
			t.Errorf("%d of %d initiatives in the ontwikkel and autonome fase have a partner, want most", withPartner, mature)
		}

		// The initiatives in the autonome fase are members of the wijkcoöperatie.
		coopOrgs, err := s.Organisations(ctx, w.ID, wijk.FormWijkcooperatie)
		if err != nil || len(coopOrgs) != 1 {
			t.Fatalf("wijkcoöperaties: %v, %v", coopOrgs, err)
		}
		cms, err := s.CoopMembers(ctx, coopOrgs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		inCoop := map[string]bool{}
		for _, m := range cms {
			inCoop[m.MemberID] = true
			if m.Shares == 0 && m.FeeCents == 0 {
				t.Errorf("%s: member of the wijkcoöperatie without shares or fee", names[m.MemberID])
			}
		}
		for _, in := range byPhase[proces.PhaseAutonoom] {
			if !inCoop[in.ID] {
				t.Errorf("%s: in the autonome fase, not a member of the wijkcoöperatie", in.Name)
			}
		}

		// The flow page of the last twelve months shows something.
		input, err := s.FlowInput(ctx, w.ID, today, 180)
		if err != nil {
			t.Fatal(err)
		}
		f := proces.ComputeFlow(input, proces.Period{From: today.AddDate(-1, 0, 0), To: today})
		if len(f.Transitions) == 0 {
			t.Error("no phase transitions in the last 12 months")
		}
		var in, door, out int
		for _, r := range f.Phases {
			in, door, out = in+r.Instroom, door+r.Doorstroom, out+r.Uitstroom
			if want := len(byPhase[r.Phase]); r.Initiatives != want {
				t.Errorf("flow: %d initiatives in %s, want %d", r.Initiatives, r.Phase, want)
			}
		}
		if in == 0 || door == 0 || out == 0 {
			t.Errorf("flow over the last 12 months: instroom %d, doorstroom %d, uitstroom %d, want all non-zero", in, door, out)
		}
		t.Logf("%s: last 12 months: transitions %v; instroom %d, doorstroom %d, uitstroom %d; stuck %d", s.Dialect(), f.Transitions, in, door, out, len(f.Stuck))
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
	name := map[string]string{}
	for _, o := range orgs {
		name[o.ID] = o.Name
	}
	for _, p := range people {
		name[p.ID] = p.DisplayName
	}
	names := func(ids []string) string {
		var ns []string
		for _, id := range ids {
			ns = append(ns, name[id])
		}
		slices.Sort(ns)
		return strings.Join(ns, ",")
	}
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	pes, err := s.PeopleEventsOfWijk(ctx, w.ID, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range pes {
		out = append(out, fmt.Sprintf("flow %s|%s|%s|%s|%s|%s|%s", name[e.InitiativeID], name[e.PersonID], e.Kind, e.Role, e.Phase, day(e.On), e.Reason))
	}
	ins, err := s.Initiatives(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range ins {
		evs, err := s.PhaseEvents(ctx, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range evs {
			out = append(out, fmt.Sprintf("phase %s|%d|%s|%s|%s|%s|%v|%v", in.Name, ev.Seq, day(ev.On), ev.From, ev.To, ev.Reason, ev.Override, ev.RecordedAt))
		}
		fes, err := s.FormEvents(ctx, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, fe := range fes {
			out = append(out, fmt.Sprintf("form %s|%s|%s|%s|%s", in.Name, day(fe.On), fe.From, fe.To, fe.Note))
		}
		checks, err := s.Checks(ctx, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range checks {
			out = append(out, fmt.Sprintf("check %s|%s|%v", in.Name, c.Evidence, c.At))
		}
		rs, err := s.Reflections(ctx, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			out = append(out, fmt.Sprintf("reflection %s|%s|%s|%s", in.Name, day(r.On), names(r.Participants), r.Learned))
		}
	}
	sessions, err := s.Sessions(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, se := range sessions {
		out = append(out, fmt.Sprintf("session %s|%s|%s|%s|%s", se.Title, day(se.On), name[se.InitiativeID], strings.Join(se.Skills, ","), names(se.Attendees)))
	}
	coops, err := s.Cooperations(ctx, w.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range coops {
		out = append(out, fmt.Sprintf("cooperation %s|%s|%s|%s|%s", name[c.PartnerID], name[c.InitiativeID], c.What, day(c.Since), day(c.Until)))
	}
	out = append(out, booksFingerprint(t, s, w.ID, name)...)
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
