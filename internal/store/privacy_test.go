package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/wijk"
)

// resident is an account with everything WEI can hold about it: resident
// records in two wijken (with two e-mail addresses and phone numbers),
// memberships, roles, a session, an API token, a pending login, mail and
// audit entries, beside a coordinator and a neighbour who must be left alone.
type resident struct {
	anna, coord, bert    account.User
	w1, w2               wijk.Wijk
	buurt                wijk.Buurt
	org1, org2           wijk.Organisation
	p1, p2, neighbour    wijk.Person
	session, apiToken    string
	link, workLink       string
	bertSession          string
	bertMail             store.Mail
	secrets              []string // name, addresses and phone numbers of Anna
	readAt, updatedAt    time.Time
	membershipsOfOrg1    int
	annaCreatedAt        time.Time
	p1Created, p2Created time.Time
}

func seedResident(t testing.TB, s *store.Store, clk *testClock) resident {
	t.Helper()
	ctx := t.Context()
	var r resident
	r.secrets = []string{"Anna de Vries", "anna@example.nl", "anna.werk@example.org", "+31 6 1234 5678", "020-7654321"}
	r.w1 = mustWijk(t, s, "noord", "Noord")
	r.w2 = mustWijk(t, s, "zuid", "Zuid")
	r.buurt = mustBuurt(t, s, r.w1.ID, "Parkbuurt")
	r.org1 = mustOrganisation(t, s, r.w1.ID, "Moestuin", wijk.FormBurgerinitiatief)
	r.org2 = mustOrganisation(t, s, r.w2.ID, "Repair Café", wijk.FormBurgerinitiatief)
	r.coord = mustUser(t, s, "cor@example.nl", "Coördinator Cor")
	r.bert = mustUser(t, s, "bert@example.nl", "Bert")

	r.anna = account.User{Email: "anna@example.nl", DisplayName: "Anna de Vries", PasswordHash: "$argon2id$secret"}
	if err := s.CreateUser(ctx, &r.anna); err != nil {
		t.Fatal(err)
	}
	r.annaCreatedAt = clk.Stored()
	clk.Add(time.Minute)
	r.p1 = wijk.Person{WijkID: r.w1.ID, BuurtID: r.buurt.ID, DisplayName: "Anna de Vries", Email: "anna@example.nl",
		Phone: "+31 6 1234 5678", UserID: r.anna.ID, ConsentAt: clk.Now()}
	if err := s.CreatePerson(ctx, &r.p1); err != nil {
		t.Fatal(err)
	}
	r.p1Created = clk.Stored()
	clk.Add(time.Minute)
	r.p2 = wijk.Person{WijkID: r.w2.ID, DisplayName: "Anna de Vries", Email: "anna.werk@example.org",
		Phone: "020-7654321", UserID: r.anna.ID, ConsentBy: r.coord.ID, ConsentAt: clk.Now()}
	if err := s.CreatePerson(ctx, &r.p2); err != nil {
		t.Fatal(err)
	}
	r.p2Created = clk.Stored()
	r.neighbour = mustPerson(t, s, r.w1.ID, "Buurman Bas")

	mustMembership(t, s, r.org1.ID, r.p1.ID, wijk.MemberTrekker, date(2024, 5, 1))
	mustMembership(t, s, r.org1.ID, r.neighbour.ID, wijk.MemberLid, date(2024, 5, 2))
	m2 := mustMembership(t, s, r.org2.ID, r.p2.ID, wijk.MemberVrijwilliger, date(2024, 6, 1))
	if err := s.EndMembership(ctx, m2.ID, date(2024, 12, 31)); err != nil {
		t.Fatal(err)
	}
	r.membershipsOfOrg1 = 2

	mustGrant(t, s, r.anna.ID, r.w1.ID, account.RoleBewoner, "")
	mustGrant(t, s, r.anna.ID, r.w2.ID, account.RoleInitiatiefnemer, r.org2.ID)
	mustGrant(t, s, r.coord.ID, r.w1.ID, account.RoleProcesmanager, "")

	clk.Add(time.Minute)
	r.session = mustSession(t, s, r.anna.ID)
	r.bertSession = mustSession(t, s, r.bert.ID)
	var err error
	if r.apiToken, _, err = s.CreateAPIToken(ctx, r.anna.ID, "laptop"); err != nil {
		t.Fatal(err)
	}
	r.link, _ = mustLoginToken(t, s, store.LoginRequest{Email: "anna@example.nl"})
	r.workLink, _ = mustLoginToken(t, s, store.LoginRequest{Email: "anna.werk@example.org", SignupName: "Anna de Vries", SignupWijk: r.w2.Slug})

	mustMail(t, s, "anna@example.nl", "Welkom, Anna de Vries", "Hallo Anna de Vries, je telefoon +31 6 1234 5678 staat genoteerd.")
	mustMail(t, s, "anna.werk@example.org", "Repair Café", "Hallo Anna de Vries, tot zaterdag. Bel 020-7654321 bij vragen.")
	r.bertMail = mustMail(t, s, "bert@example.nl", "Nieuws uit Noord", "Hallo Bert, de moestuin is open.")

	clk.Add(time.Minute)
	r.readAt = clk.Stored()
	mustAudit(t, s, privacy.AuditEntry{ActorID: r.coord.ID, WijkID: r.w1.ID, Action: privacy.ActionRead, SubjectType: "person", SubjectID: r.p1.ID, RequestID: "req-read"})
	clk.Add(time.Minute)
	r.updatedAt = clk.Stored()
	mustAudit(t, s, privacy.AuditEntry{ActorID: r.anna.ID, Action: privacy.ActionUpdate, SubjectType: "user", SubjectID: r.anna.ID, Detail: "locale"})
	mustAudit(t, s, privacy.AuditEntry{ActorID: r.coord.ID, WijkID: r.w1.ID, Action: privacy.ActionRead, SubjectType: "person", SubjectID: r.neighbour.ID})
	clk.Add(time.Minute)
	return r
}

func TestExportUser(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		r := seedResident(t, s, clk)
		sessionAt := t0.Add(3 * time.Minute).Truncate(time.Millisecond)

		x, err := s.ExportUser(t.Context(), r.anna.ID, "req-export")
		if err != nil {
			t.Fatal(err)
		}
		want := privacy.Export{
			ExportedAt: clk.Now(),
			Account: privacy.ExportAccount{ID: r.anna.ID, Email: "anna@example.nl", DisplayName: "Anna de Vries", Locale: "nl",
				HasPassword: true, CreatedAt: r.annaCreatedAt, LastLoginAt: sessionAt},
			People: []privacy.ExportPerson{
				{ID: r.p1.ID, Wijk: "Noord", Buurt: "Parkbuurt", DisplayName: "Anna de Vries", Email: "anna@example.nl",
					Phone: "+31 6 1234 5678", ConsentAt: r.p1Created, CreatedAt: r.p1Created},
				{ID: r.p2.ID, Wijk: "Zuid", DisplayName: "Anna de Vries", Email: "anna.werk@example.org",
					Phone: "020-7654321", ConsentAt: r.p2Created, ConsentBy: "Coördinator Cor", CreatedAt: r.p2Created},
			},
			Memberships: []privacy.ExportMembership{
				{Organisation: "Moestuin", Role: wijk.MemberTrekker, StartedOn: "2024-05-01"},
				{Organisation: "Repair Café", Role: wijk.MemberVrijwilliger, StartedOn: "2024-06-01", EndedOn: "2024-12-31"},
			},
			Roles: []privacy.ExportRole{
				{Wijk: "Noord", Role: account.RoleBewoner},
				{Wijk: "Zuid", Role: account.RoleInitiatiefnemer, Organisation: "Repair Café"},
			},
			APITokens: []privacy.ExportToken{{Name: "laptop", CreatedAt: sessionAt}},
			Audit: []privacy.ExportAudit{
				{At: r.updatedAt, Action: privacy.ActionUpdate, Subject: "user", ByYou: true, Detail: "locale"},
				{At: r.readAt, Action: privacy.ActionRead, Subject: "person"},
			},
		}
		if diff := cmp.Diff(want, x); diff != "" {
			t.Errorf("ExportUser mismatch (-want +got):\n%s", diff)
		}

		// The export itself is recorded, and shows up in the next export.
		entries, err := s.AuditAbout(t.Context(), []string{r.anna.ID}, 1)
		if err != nil {
			t.Fatal(err)
		}
		wantEntry := []privacy.AuditEntry{{At: clk.Stored(), ActorID: r.anna.ID, Action: privacy.ActionExport,
			SubjectType: "user", SubjectID: r.anna.ID, RequestID: "req-export"}}
		if len(entries) == 1 {
			wantEntry[0].ID = entries[0].ID
		}
		if diff := cmp.Diff(wantEntry, entries); diff != "" {
			t.Errorf("audit entry of the export mismatch (-want +got):\n%s", diff)
		}
		clk.Add(time.Minute)
		again, err := s.ExportUser(t.Context(), r.anna.ID, "req-export-2")
		if err != nil {
			t.Fatal(err)
		}
		if len(again.Audit) != 3 || again.Audit[0].Action != privacy.ActionExport || !again.Audit[0].ByYou {
			t.Errorf("Audit of second export=%+v, want the first export on top of the two earlier entries", again.Audit)
		}
	})
}

func TestExportUserNotFound(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		_, err := s.ExportUser(t.Context(), wei.NewID(), "req")
		wantCode(t, err, wei.ENOTFOUND)
		entries, err := s.AuditLog(t.Context(), "", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 0 {
			t.Errorf("len(AuditLog)=%d, want 0: a failed export records nothing", len(entries))
		}
	})
}

func TestEraseUser(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		r := seedResident(t, s, clk)
		ctx := t.Context()

		if err := s.EraseUser(ctx, r.anna.ID, r.coord.ID, "req-erase"); err != nil {
			t.Fatal(err)
		}

		t.Run("account pseudonymised", func(t *testing.T) {
			u, err := s.User(ctx, r.anna.ID)
			if err != nil {
				t.Fatal(err)
			}
			want := account.User{ID: r.anna.ID, Email: "erased-" + r.anna.ID + "@invalid", DisplayName: wijk.ErasedName,
				Locale: "nl", CreatedAt: u.CreatedAt, LastLoginAt: u.LastLoginAt, ErasedAt: clk.Stored()}
			if diff := cmp.Diff(want, u); diff != "" {
				t.Errorf("User mismatch (-want +got):\n%s", diff)
			}
			wantNoTrace(t, "user", fmt.Sprintf("%+v", u), r.secrets...)
			for _, email := range []string{"anna@example.nl", want.Email} {
				_, err := s.UserByEmail(ctx, email)
				wantCode(t, err, wei.ENOTFOUND)
			}
			users, err := s.Users(ctx)
			if err != nil {
				t.Fatal(err)
			}
			wantNoTrace(t, "users", fmt.Sprintf("%+v", users), r.secrets...)
		})

		t.Run("resident records pseudonymised", func(t *testing.T) {
			people, err := s.PeopleOfUser(ctx, r.anna.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(people) != 2 {
				t.Fatalf("len(PeopleOfUser)=%d, want 2 (records stay, pseudonymised)", len(people))
			}
			for _, p := range people {
				if p.DisplayName != wijk.ErasedName || p.Email != "" || p.Phone != "" || !p.ErasedAt.Equal(clk.Stored()) {
					t.Errorf("DisplayName, Email, Phone, ErasedAt=%q, %q, %q, %v, want %q, \"\", \"\", %v",
						p.DisplayName, p.Email, p.Phone, p.ErasedAt, wijk.ErasedName, clk.Stored())
				}
			}
			wantNoTrace(t, "people of user", fmt.Sprintf("%+v", people), r.secrets...)
			for _, w := range []wijk.Wijk{r.w1, r.w2} {
				list, err := s.People(ctx, w.ID)
				if err != nil {
					t.Fatal(err)
				}
				wantNoTrace(t, "people of "+w.Name, fmt.Sprintf("%+v", list), r.secrets...)
			}
			n, err := s.CountPeople(ctx, r.w1.ID)
			if err != nil {
				t.Fatal(err)
			}
			if n != 1 {
				t.Errorf("CountPeople=%d, want 1 (only the neighbour)", n)
			}
			if nb, err := s.Person(ctx, r.neighbour.ID); err != nil || nb.DisplayName != "Buurman Bas" {
				t.Errorf("neighbour=%q, %v, want %q, nil", nb.DisplayName, err, "Buurman Bas")
			}
		})

		t.Run("outbox blanked", func(t *testing.T) {
			mails, err := s.Outbox(ctx, 100)
			if err != nil {
				t.Fatal(err)
			}
			if len(mails) != 3 {
				t.Errorf("len(Outbox)=%d, want 3", len(mails))
			}
			for _, m := range mails {
				wantNoTrace(t, "mail "+m.ID, fmt.Sprintf("%+v", m), r.secrets...)
				if m.ID == r.bertMail.ID {
					want := r.bertMail
					want.CreatedAt = want.CreatedAt.Truncate(time.Millisecond)
					if diff := cmp.Diff(want, m); diff != "" {
						t.Errorf("other mail changed (-want +got):\n%s", diff)
					}
				}
			}
		})

		t.Run("login tokens gone", func(t *testing.T) {
			for _, link := range []string{r.link, r.workLink} {
				if ok, err := s.LoginLinkValid(ctx, link); err != nil || ok {
					t.Errorf("LoginLinkValid=%v, %v, want false, nil", ok, err)
				}
			}
			_, err := s.UseLoginCode(ctx, "anna.werk@example.org", "000000")
			wantInvalid(t, err, "link")
		})

		t.Run("sessions, roles and tokens gone", func(t *testing.T) {
			_, err := s.SessionByToken(ctx, r.session)
			wantCode(t, err, wei.ENOTFOUND)
			if _, err := s.SessionByToken(ctx, r.bertSession); err != nil {
				t.Errorf("SessionByToken(other user)=%v, want nil", err)
			}
			grants, err := s.GrantsOfUser(ctx, r.anna.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(grants) != 0 {
				t.Errorf("len(GrantsOfUser)=%d, want 0", len(grants))
			}
			views, err := s.GrantsOfWijk(ctx, r.w1.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(views) != 1 || views[0].UserID != r.coord.ID {
				t.Errorf("GrantsOfWijk=%+v, want only the coordinator's", views)
			}
			_, err = s.UserByAPIToken(ctx, r.apiToken)
			wantCode(t, err, wei.ENOTFOUND)
			toks, err := s.APITokens(ctx, r.anna.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(toks) != 1 || !toks[0].RevokedAt.Equal(clk.Stored()) {
				t.Errorf("APITokens=%+v, want one revoked at %v", toks, clk.Stored())
			}
		})

		t.Run("memberships kept", func(t *testing.T) {
			list, err := s.MembershipsOfOrganisation(ctx, r.org1.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != r.membershipsOfOrg1 {
				t.Errorf("len(MembershipsOfOrganisation)=%d, want %d", len(list), r.membershipsOfOrg1)
			}
			wantNoTrace(t, "memberships", fmt.Sprintf("%+v", list), r.secrets...)
			mine, err := s.MembershipsOfPerson(ctx, r.p2.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(mine) != 1 || mine[0].PersonName != wijk.ErasedName {
				t.Errorf("MembershipsOfPerson=%+v, want one, named %q", mine, wijk.ErasedName)
			}
		})

		t.Run("erasure audited", func(t *testing.T) {
			entries, err := s.AuditAbout(ctx, []string{r.anna.ID, r.p1.ID, r.p2.ID}, 3)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]privacy.AuditEntry{}
			for _, e := range entries {
				e.ID = ""
				got[e.SubjectID] = e
			}
			at := clk.Stored()
			want := map[string]privacy.AuditEntry{
				r.anna.ID: {At: at, ActorID: r.coord.ID, Action: privacy.ActionErase, SubjectType: "user", SubjectID: r.anna.ID, RequestID: "req-erase"},
				r.p1.ID:   {At: at, ActorID: r.coord.ID, WijkID: r.w1.ID, Action: privacy.ActionErase, SubjectType: "person", SubjectID: r.p1.ID, RequestID: "req-erase"},
				r.p2.ID:   {At: at, ActorID: r.coord.ID, WijkID: r.w2.ID, Action: privacy.ActionErase, SubjectType: "person", SubjectID: r.p2.ID, RequestID: "req-erase"},
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("erase audit entries mismatch (-want +got):\n%s", diff)
			}
		})

		t.Run("second erasure", func(t *testing.T) {
			wantCode(t, s.EraseUser(ctx, r.anna.ID, r.coord.ID, "req-again"), wei.ENOTFOUND)
			wantCode(t, s.EraseUser(ctx, wei.NewID(), r.coord.ID, "req-unknown"), wei.ENOTFOUND)
		})

		t.Run("address free again", func(t *testing.T) {
			u := account.User{Email: "anna@example.nl", DisplayName: "Anna"}
			if err := s.CreateUser(ctx, &u); err != nil {
				t.Errorf("CreateUser(erased address)=%v, want nil", err)
			}
		})
	})
}

func TestErasePerson(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		ctx := t.Context()
		w1 := mustWijk(t, s, "noord", "Noord")
		w2 := mustWijk(t, s, "zuid", "Zuid")
		org := mustOrganisation(t, s, w1.ID, "Moestuin", wijk.FormBurgerinitiatief)
		coord := mustUser(t, s, "cor@example.nl", "Cor")
		secrets := []string{"Karel Jansen", "karel@example.nl", "06-12345678"}
		karel := wijk.Person{WijkID: w1.ID, DisplayName: "Karel Jansen", Email: "karel@example.nl", Phone: "06-12345678",
			ConsentBy: coord.ID, ConsentAt: clk.Now()}
		if err := s.CreatePerson(ctx, &karel); err != nil {
			t.Fatal(err)
		}
		mustMembership(t, s, org.ID, karel.ID, wijk.MemberVrijwilliger, date(2024, 3, 1))
		mustMail(t, s, "karel@example.nl", "Welkom bij de Moestuin", "Hallo Karel Jansen, welkom!")
		before, err := s.Person(ctx, karel.ID)
		if err != nil {
			t.Fatal(err)
		}
		clk.Add(time.Hour)

		tests := []struct {
			name   string
			wijkID string
			id     string
			code   string
		}{
			{"through another wijk", w2.ID, karel.ID, wei.ENOTFOUND},
			{"unknown", w1.ID, wei.NewID(), wei.ENOTFOUND},
			{"own wijk", w1.ID, karel.ID, ""},
			{"again", w1.ID, karel.ID, wei.ENOTFOUND},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				wantCode(t, s.ErasePerson(ctx, tc.wijkID, tc.id, coord.ID, "req-"+tc.name), tc.code)
				got, err := s.Person(ctx, karel.ID)
				if err != nil {
					t.Fatal(err)
				}
				if tc.name == "through another wijk" || tc.name == "unknown" {
					if diff := cmp.Diff(before, got); diff != "" {
						t.Errorf("refused erasure changed the person (-want +got):\n%s", diff)
					}
					return
				}
				want := before
				want.DisplayName, want.Email, want.Phone, want.ErasedAt = wijk.ErasedName, "", "", t0.Add(time.Hour).Truncate(time.Millisecond)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("erased person mismatch (-want +got):\n%s", diff)
				}
			})
		}

		mails, err := s.Outbox(ctx, 10)
		if err != nil {
			t.Fatal(err)
		}
		wantNoTrace(t, "outbox", fmt.Sprintf("%+v", mails), secrets...)
		list, err := s.MembershipsOfOrganisation(ctx, org.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].PersonName != wijk.ErasedName {
			t.Errorf("MembershipsOfOrganisation=%+v, want the membership kept, named %q", list, wijk.ErasedName)
		}
		entries, err := s.AuditLog(ctx, w1.ID, 10)
		if err != nil {
			t.Fatal(err)
		}
		want := []privacy.AuditEntry{{At: t0.Add(time.Hour).Truncate(time.Millisecond), ActorID: coord.ID, WijkID: w1.ID,
			Action: privacy.ActionErase, SubjectType: "person", SubjectID: karel.ID, RequestID: "req-own wijk"}}
		if len(entries) == 1 {
			want[0].ID = entries[0].ID
		}
		if diff := cmp.Diff(want, entries); diff != "" {
			t.Errorf("AuditLog mismatch (-want +got):\n%s", diff)
		}
	})
}
