package store_test

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/dialoog"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/wijk"
)

// dialogueWijk is a wijk with a gemeente partner (with one partner
// account), a process manager, a resident and a session owned by the
// gemeente; the clock stands at t0.
type dialogueWijk struct {
	w                    wijk.Wijk
	gemeente, foreignOrg wijk.Organisation
	partner, pm, bewoner account.User
	session              dialoog.Dialogue
	clk                  *testClock
}

func newDialogueWijk(t *testing.T, s *store.Store, slug string) dialogueWijk {
	t.Helper()
	dw := dialogueWijk{w: mustWijk(t, s, slug, "Wijk "+slug)}
	other := mustWijk(t, s, slug+"-b", "Andere wijk")
	dw.gemeente = mustOrganisation(t, s, dw.w.ID, "Gemeente", wijk.FormPartner)
	dw.foreignOrg = mustOrganisation(t, s, other.ID, "Elders", wijk.FormPartner)
	dw.clk = newClock(s)
	dw.partner = mustUser(t, s, slug+"-partner@example.org", "Partner")
	dw.pm = mustUser(t, s, slug+"-pm@example.org", "Procesmanager")
	dw.bewoner = mustUser(t, s, slug+"-bewoner@example.org", "Bewoner")
	for _, g := range []account.Grant{{UserID: dw.partner.ID, WijkID: dw.w.ID, Role: account.RolePartner, OrganisationID: dw.gemeente.ID},
		{UserID: dw.pm.ID, WijkID: dw.w.ID, Role: account.RoleProcesmanager}} {
		if err := s.AddGrant(t.Context(), &g); err != nil {
			t.Fatalf("AddGrant: %v", err)
		}
	}
	dw.session = dialoog.Dialogue{WijkID: dw.w.ID, Kind: dialoog.KindSession, Theme: "Groen en spelen", HeldOn: "2025-03-10",
		Place: "Buurthuis", Facilitator: "Welzijn", Attendance: 23, OwnerOrgID: dw.gemeente.ID, AnswerDays: 14, CreatedBy: dw.pm.ID}
	if err := s.CreateDialogue(t.Context(), &dw.session); err != nil {
		t.Fatalf("CreateDialogue: %v", err)
	}
	return dw
}

func (dw dialogueWijk) input(t *testing.T, s *store.Store, body string) dialoog.Input {
	t.Helper()
	in := dialoog.Input{DialogueID: dw.session.ID, WijkID: dw.w.ID, Kind: dialoog.InputIdea, Body: body, AuthorUserID: dw.bewoner.ID, EnteredBy: dw.bewoner.ID}
	if err := s.CreateInput(t.Context(), &in); err != nil {
		t.Fatalf("CreateInput: %v", err)
	}
	return in
}

func fieldErr(err error, field string) bool {
	var e *wei.Error
	return errors.As(err, &e) && e.Fields[field] != ""
}

func TestDialogueCreateAndInput(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		dw := newDialogueWijk(t, s, "dlg")
		ctx := t.Context()

		bad := dialoog.Dialogue{WijkID: dw.w.ID, Kind: dialoog.KindSession, Theme: "Groen", HeldOn: "2025-03-10", Place: "x", OwnerOrgID: dw.foreignOrg.ID, CreatedBy: dw.pm.ID}
		if err := s.CreateDialogue(ctx, &bad); !fieldErr(err, "owner_org_id") {
			t.Errorf("owner of another wijk: err = %v, want a field error on owner_org_id", err)
		}

		in := dw.input(t, s, "Meer bankjes op het plein")
		got, err := s.Input(ctx, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.OwnerOrgID != dw.gemeente.ID || got.Status != dialoog.StatusOpen || got.DueOn != "2025-03-28" {
			t.Errorf("input = owner %q status %q due %q, want gemeente, open, 2025-03-28", got.OwnerOrgID, got.Status, got.DueOn)
		}
		if ok, _ := s.Follows(ctx, in.ID, dw.bewoner.ID); !ok {
			t.Error("the author does not follow their own input")
		}

		// Entered on a resident's behalf: no author, and audited.
		behalf := dialoog.Input{DialogueID: dw.session.ID, Kind: dialoog.InputQuestion, Body: "Wanneer komt de lantaarn?", EnteredBy: dw.pm.ID, OnBehalf: true}
		if err := s.CreateInput(ctx, &behalf); err != nil {
			t.Fatal(err)
		}
		log, err := s.AuditAbout(ctx, []string{behalf.ID}, 10)
		if err != nil || len(log) != 1 || log[0].ActorID != dw.pm.ID {
			t.Errorf("audit of input on behalf = %+v, %v; want one entry by the process manager", log, err)
		}
		if log, _ := s.AuditAbout(ctx, []string{in.ID}, 10); len(log) != 0 {
			t.Errorf("input given as oneself was audited: %+v", log)
		}

		// Bad input saves nothing.
		short := dialoog.Input{DialogueID: dw.session.ID, Kind: dialoog.InputIdea, Body: "x", EnteredBy: dw.bewoner.ID}
		if err := s.CreateInput(ctx, &short); !fieldErr(err, "body") {
			t.Errorf("short body: err = %v, want a field error on body", err)
		}
		// A closed online round takes no input.
		round := dialoog.Dialogue{WijkID: dw.w.ID, Kind: dialoog.KindOnline, Theme: "Verkeer", HeldOn: "2025-01-01", ClosesOn: "2025-02-01", CreatedBy: dw.pm.ID}
		if err := s.CreateDialogue(ctx, &round); err != nil {
			t.Fatal(err)
		}
		late := dialoog.Input{DialogueID: round.ID, Kind: dialoog.InputConcern, Body: "Te hard gereden", EnteredBy: dw.bewoner.ID}
		if err := s.CreateInput(ctx, &late); wei.ErrorCode(err) != wei.ECONFLICT {
			t.Errorf("input to a closed round: err = %v, want ECONFLICT", err)
		}
		list, total, err := s.WijkInputs(ctx, dw.w.ID, store.InputFilter{}, 50, 0)
		if err != nil {
			t.Fatal(err)
		}
		if total != 2 || len(list) != 2 || list[1].OwnerName != "Gemeente" || list[1].DialogueTheme != "Groen en spelen" {
			t.Errorf("WijkInputs = %d %+v, want the one input with owner and theme", total, list)
		}
		ds, err := s.Dialogues(ctx, dw.w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) != 2 || ds[0].ID != dw.session.ID || ds[0].Inputs != 2 || ds[0].Attendance != 23 {
			t.Errorf("Dialogues = %+v", ds)
		}
	})
}

func TestInputAnswerHistoryAndFollowers(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		dw := newDialogueWijk(t, s, "antw")
		ctx := t.Context()
		in := dw.input(t, s, "Speeltuin voor kleine kinderen")
		other := mustUser(t, s, "antw-buur@example.org", "Buur")
		if err := s.FollowInput(ctx, in.ID, other.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.FollowInput(ctx, in.ID, other.ID); err != nil {
			t.Fatalf("following twice: %v", err)
		}

		// An answered status without an answer is refused and changes nothing.
		_, err := s.ChangeInput(ctx, dw.w.ID, in.ID, dialoog.Change{Status: dialoog.StatusAnswered, OwnerOrgID: dw.gemeente.ID, DueOn: in.DueOn}, dw.partner.ID)
		if !fieldErr(err, "answer") {
			t.Fatalf("answer missing: err = %v, want a field error on answer", err)
		}
		// Another wijk's organisation as owner is refused.
		_, err = s.ChangeInput(ctx, dw.w.ID, in.ID, dialoog.Change{Status: dialoog.StatusOpen, OwnerOrgID: dw.foreignOrg.ID, DueOn: in.DueOn}, dw.pm.ID)
		if !fieldErr(err, "owner_org_id") {
			t.Fatalf("foreign owner: err = %v", err)
		}
		// An input of another wijk is not found.
		if _, err = s.ChangeInput(ctx, "other", in.ID, dialoog.Change{Status: dialoog.StatusOpen, DueOn: in.DueOn}, dw.pm.ID); !errors.Is(err, wei.ErrNotFound) {
			t.Fatalf("other wijk: err = %v, want not found", err)
		}

		dw.clk.Add(24 * time.Hour)
		res, err := s.ChangeInput(ctx, dw.w.ID, in.ID, dialoog.Change{Status: dialoog.StatusAnswered, Answer: "We plaatsen een glijbaan.", OwnerOrgID: dw.gemeente.ID, DueOn: in.DueOn}, dw.partner.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"antw-bewoner@example.org", "antw-buur@example.org"}
		if !res.Changed || !res.Notify || !slices.Equal(res.Followers, want) {
			t.Errorf("ChangeInput = %+v, want changed, notify %v", res, want)
		}
		// The same again changes nothing and records nothing.
		res, err = s.ChangeInput(ctx, dw.w.ID, in.ID, dialoog.Change{Status: dialoog.StatusAnswered, Answer: "We plaatsen een glijbaan.", OwnerOrgID: dw.gemeente.ID, DueOn: in.DueOn}, dw.partner.ID)
		if err != nil || res.Changed {
			t.Errorf("unchanged: %+v, %v", res, err)
		}
		// The follower who changes it is not told of their own change.
		if err := s.UnfollowInput(ctx, in.ID, other.ID); err != nil {
			t.Fatal(err)
		}
		res, err = s.ChangeInput(ctx, dw.w.ID, in.ID, dialoog.Change{Status: dialoog.StatusDone, Answer: "De glijbaan staat er.", OwnerOrgID: dw.gemeente.ID, DueOn: in.DueOn}, dw.bewoner.ID)
		if err != nil || len(res.Followers) != 0 {
			t.Errorf("changed by the only follower: %+v, %v", res, err)
		}
		hist, err := s.InputHistory(ctx, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) != 3 || hist[0].Status != dialoog.StatusOpen || hist[1].Answer != "We plaatsen een glijbaan." || hist[2].Answer != "De glijbaan staat er." {
			t.Errorf("history = %+v, want open, first answer, second answer", hist)
		}
		got, _ := s.Input(ctx, in.ID)
		if got.Status != dialoog.StatusDone || got.AnsweredAt.IsZero() {
			t.Errorf("input = %+v", got)
		}

		// Links, by kind and id; the same link twice conflicts.
		l := dialoog.Link{InputID: in.ID, Kind: dialoog.LinkInitiative, TargetID: "org-1", Label: "Speeltuin", CreatedBy: dw.pm.ID}
		if err := s.AddInputLink(ctx, &l); err != nil {
			t.Fatal(err)
		}
		if err := s.AddInputLink(ctx, &l); wei.ErrorCode(err) != wei.ECONFLICT {
			t.Errorf("link twice: %v, want ECONFLICT", err)
		}
		bad := dialoog.Link{InputID: in.ID, Kind: "weather", TargetID: "x", Label: "x", CreatedBy: dw.pm.ID}
		if err := s.AddInputLink(ctx, &bad); !fieldErr(err, "kind") {
			t.Errorf("bad kind: %v", err)
		}
		links, err := s.InputLinks(ctx, in.ID)
		if err != nil || len(links) != 1 || links[0].Label != "Speeltuin" {
			t.Errorf("InputLinks = %+v, %v", links, err)
		}
	})
}

func TestInputRemindersAndCounts(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		dw := newDialogueWijk(t, s, "herin")
		ctx := t.Context()
		late := dw.input(t, s, "Lantaarnpaal kapot")
		answered := dw.input(t, s, "Meer groen")
		if _, err := s.ChangeInput(ctx, dw.w.ID, answered.ID, dialoog.Change{Status: dialoog.StatusAnswered, Answer: "Komt er.", OwnerOrgID: dw.gemeente.ID, DueOn: answered.DueOn}, dw.partner.ID); err != nil {
			t.Fatal(err)
		}
		now := t0.AddDate(0, 0, 20) // both were due on 2025-03-28
		rs, err := s.ClaimReminders(ctx, now)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != 1 || rs[0].Input.ID != late.ID || !slices.Equal(rs[0].To, []string{dw.partner.Email}) || rs[0].WijkSlug != "herin" {
			t.Fatalf("ClaimReminders = %+v, want the late input for the partner", rs)
		}
		if rs, _ := s.ClaimReminders(ctx, now.Add(time.Hour)); len(rs) != 0 {
			t.Errorf("claimed again within a week: %+v", rs)
		}
		if rs, _ := s.ClaimReminders(ctx, now.Add(dialoog.RemindEvery)); len(rs) != 1 {
			t.Errorf("a week later: %d reminders, want 1", len(rs))
		}
		c, err := s.WijkInputCounts(ctx, dw.w.ID, now.Format(dialoog.DateLayout))
		if err != nil {
			t.Fatal(err)
		}
		if c.Total != 2 || c.Overdue != 1 || c.ByStatus[dialoog.StatusAnswered] != 1 {
			t.Errorf("counts = %+v", c)
		}
		list, total, err := s.WijkInputs(ctx, dw.w.ID, store.InputFilter{Overdue: true, Today: now.Format(dialoog.DateLayout)}, 10, 0)
		if err != nil || total != 1 || list[0].ID != late.ID {
			t.Errorf("overdue filter = %d %+v %v", total, list, err)
		}
		mine, total, err := s.WijkInputs(ctx, dw.w.ID, store.InputFilter{AuthorUserID: dw.bewoner.ID}, 10, 0)
		if err != nil || total != 2 || len(mine) != 2 {
			t.Errorf("own inputs = %d, %v", total, err)
		}
	})
}
