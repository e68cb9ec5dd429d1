package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/wei-platform/wei/dialoog"
	"github.com/wei-platform/wei/internal/store"
)

// The wijkdialogen of the demo wijk: a session about green and play six
// weeks ago, with inputs the gemeente answered (one changed later, so the
// history shows two answers; one linked to the initiative that came of
// it; one declined with reasons; one overdue), and an online round about
// housing that is open now, owned by the partner account's woonstichting,
// so the demo bewoner can give input and partner@ can answer it.

type demoInput struct {
	daysAgo int
	kind    string
	body    string
	mine    bool     // given by the demo bewoner as herself
	answers []string // status|answer, in order; empty stays open
	link    string   // the name of an initiative that came of it
}

func seedDialogues(ctx context.Context, s *store.Store, wijkID string, now time.Time) error {
	at := func(t time.Time) { s.SetClock(func() time.Time { return t }) }
	defer s.SetClock(time.Now)
	pm, err := s.UserByEmail(ctx, procesmanager.email)
	if err != nil {
		return err
	}
	me, err := s.UserByEmail(ctx, bewoner.email)
	if err != nil {
		return err
	}
	orgs, err := s.Organisations(ctx, wijkID)
	if err != nil {
		return err
	}
	byName := map[string]string{}
	for _, o := range orgs {
		byName[o.Name] = o.ID
	}
	day := func(t time.Time) string { return t.Format(dialoog.DateLayout) }

	type plan struct {
		d      dialoog.Dialogue
		daysAg int
		inputs []demoInput
	}
	plans := []plan{
		{d: dialoog.Dialogue{Kind: dialoog.KindSession, Theme: "Groen en spelen in de Akkerbuurt", Place: "Buurthuis De Akker",
			Facilitator: "Welzijn Lindenwaard", Attendance: 27, OwnerOrgID: byName[partners[pOpenbareRuimte].name], AnswerDays: 21}, daysAg: 42,
			inputs: []demoInput{
				{42, dialoog.InputIdea, "Een moestuin op het grasveld achter de flats, samen met de school.", false,
					[]string{"answered|We zoeken samen met Groen Doen een plek. In het voorjaar weten we meer.", "done|De moestuin is aangelegd door Groen Doen, met geld uit het wijkbudget."}, "Groen Doen"},
				{42, dialoog.InputConcern, "De speeltuin aan de Weideweg heeft een kapotte schommel.", true, []string{"done|De schommel is vervangen."}, ""},
				{42, dialoog.InputQuestion, "Mogen we zelf bloembakken neerzetten op de stoep?", false, []string{"answered|Ja, als er 1,5 meter stoep vrij blijft. Vraag de bakken aan bij het wijkteam."}, ""},
				{42, dialoog.InputIdea, "Een hondenuitlaatplek verder weg van de zandbak.", false, []string{"declined|Er is in de buurt geen plek die groot genoeg is. We zetten wel extra afvalbakken voor hondenpoep neer."}, ""},
				{42, dialoog.InputConcern, "De bomen aan de Molenstraat zijn al lang niet gesnoeid.", false, nil, ""},
				{41, dialoog.InputIdea, "Meer bankjes op het Akkerplein voor ouderen.", false, []string{"in_progress|"}, ""},
			}},
		{d: dialoog.Dialogue{Kind: dialoog.KindOnline, Theme: "Wonen in de portiekflats", Facilitator: "Woonstichting Akkerland",
			OwnerOrgID: byName[partners[pWoonstichting].name], AnswerDays: 28}, daysAg: 14,
			inputs: []demoInput{
				{12, dialoog.InputConcern, "In de portiek is het 's avonds donker: de lamp is vaak kapot.", false, []string{"answered|We vervangen de lampen in alle portieken door lampen met een sensor."}, ""},
				{9, dialoog.InputQuestion, "Komt er isolatie van de ramen aan de noordkant?", false, nil, ""},
			}},
	}
	for _, p := range plans {
		start := now.AddDate(0, 0, -p.daysAg)
		d := p.d
		d.WijkID, d.CreatedBy, d.HeldOn = wijkID, pm.ID, day(start)
		if d.Kind == dialoog.KindOnline {
			d.ClosesOn = day(now.AddDate(0, 0, 21))
		}
		at(start.Add(-24 * time.Hour))
		if err := s.CreateDialogue(ctx, &d); err != nil {
			return fmt.Errorf("dialogue %s: %w", d.Theme, err)
		}
		for _, di := range p.inputs {
			given := now.AddDate(0, 0, -di.daysAgo).Add(2 * time.Hour)
			at(given)
			in := dialoog.Input{DialogueID: d.ID, WijkID: wijkID, Kind: di.kind, Body: di.body, EnteredBy: pm.ID, OnBehalf: true}
			if di.mine {
				in.AuthorUserID, in.EnteredBy, in.OnBehalf = me.ID, me.ID, false
			}
			if err := s.CreateInput(ctx, &in); err != nil {
				return fmt.Errorf("input %q: %w", di.body, err)
			}
			for i, a := range di.answers {
				status, answer, _ := strings.Cut(a, "|")
				at(given.AddDate(0, 0, 7+14*i))
				c := dialoog.Change{Status: status, Answer: answer, OwnerOrgID: in.OwnerOrgID, DueOn: in.DueOn}
				if _, err := s.ChangeInput(ctx, wijkID, in.ID, c, pm.ID); err != nil {
					return fmt.Errorf("answer %q: %w", di.body, err)
				}
			}
			if id := byName[di.link]; id != "" {
				l := dialoog.Link{InputID: in.ID, Kind: dialoog.LinkInitiative, TargetID: id, Label: di.link, CreatedBy: pm.ID}
				if err := s.AddInputLink(ctx, &l); err != nil {
					return fmt.Errorf("link %q: %w", di.body, err)
				}
			}
		}
	}
	return nil
}
