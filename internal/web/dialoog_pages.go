package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/dialoog"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
)

// Wijkdialogen: the list of sessions and online rounds, a new one, and one
// dialogue with its inputs and the form to give input.

func dialoguesBase(rc *request) string { return "/w/" + rc.Wijk.Slug + "/dialogen" }

// dialogueRow is a dialogue as listed.
type dialogueRow struct {
	ID, Theme, Kind, When, Place string
	Inputs, Answered             int
	Open                         bool
}

func newDialogueRow(l *locale.Localizer, d dialoog.Dialogue, today string) dialogueRow {
	row := dialogueRow{ID: d.ID, Theme: d.Theme, Kind: l.T("dialoog.kind." + d.Kind), Place: d.Place, Open: d.Kind == dialoog.KindOnline && d.Open(today)}
	row.When = dayText(l, d.HeldOn)
	if d.Kind == dialoog.KindOnline {
		row.When = l.T("dialoog.when.online", dayText(l, d.HeldOn), dayText(l, d.ClosesOn))
	}
	return row
}

// dayText shows a stored "YYYY-MM-DD" date in the reader's language.
func dayText(l *locale.Localizer, s string) string {
	t, err := time.Parse(dialoog.DateLayout, s)
	if err != nil {
		return s
	}
	return l.Date(t)
}

func todayText() string { return today().Format(dialoog.DateLayout) }

// dialoogInputsTable is the data of the "dialooginputs" partial.
type dialoogInputsTable struct {
	L         *locale.Localizer
	WijkSlug  string
	Caption   string
	Rows      []inputRow
	WithTheme bool
}

type dialogueListPage struct {
	Page
	Dialogues []dialogueRow
	Mine      []inputRow // the signed-in user's own inputs
	CanManage bool
}

// dialogues lists the wijk's dialogues; a signed-in user also sees their
// own inputs and what became of them.
func (h *Handler) dialogues(w http.ResponseWriter, r *http.Request, rc *request) {
	l := rc.L
	list, err := h.store.Dialogues(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := dialogueListPage{Page: h.page(r, rc, l.T("dialoog.list.title")), CanManage: rc.Actor.Can(account.PermManageDialogues, rc.Wijk.ID)}
	day := todayText()
	for _, d := range list {
		row := newDialogueRow(l, d.Dialogue, day)
		row.Inputs, row.Answered = d.Inputs, d.Answered
		p.Dialogues = append(p.Dialogues, row)
	}
	if rc.Actor.SignedIn() {
		mine, _, err := h.store.WijkInputs(ctx(r), rc.Wijk.ID, store.InputFilter{AuthorUserID: rc.Actor.User.ID}, 100, 0)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		for _, in := range mine {
			p.Mine = append(p.Mine, newInputRow(l, in, day))
		}
	}
	h.render(w, r, rc, "dialoog_list.html", p)
}

type dialogueNewPage struct {
	Page
	Summary                                           *ErrorSummary
	Kind, Theme, HeldOn, ClosesOn, Place, Facilitator Field
	Attendance, Owner, AnswerDays                     Field
}

var dialogueFormOrder = []string{"kind", "theme", "held_on", "closes_on", "place", "facilitator", "attendance", "owner_org_id", "answer_days"}

func (h *Handler) dialogueNew(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm()
	f.Values["kind"], f.Values["answer_days"], f.Values["held_on"] = dialoog.KindSession, strconv.Itoa(dialoog.DefaultAnswerDays), todayText()
	h.renderDialogueForm(w, r, rc, http.StatusOK, f)
}

// orgOptions are the wijk's organisations to choose an owner from.
func (h *Handler) orgOptions(r *http.Request, rc *request, selected, none string) ([]Option, error) {
	orgs, err := h.store.Organisations(ctx(r), rc.Wijk.ID)
	if err != nil {
		return nil, err
	}
	opts := []Option{{Value: "", Label: none, Selected: selected == ""}}
	for _, o := range orgs {
		opts = append(opts, Option{Value: o.ID, Label: o.Name, Selected: o.ID == selected})
	}
	return opts, nil
}

func (h *Handler) renderDialogueForm(w http.ResponseWriter, r *http.Request, rc *request, status int, f form) {
	l := rc.L
	owners, err := h.orgOptions(r, rc, f.Values["owner_org_id"], l.T("dialoog.owner.none"))
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := dialogueNewPage{Page: h.page(r, rc, l.T("dialoog.new.title")), Summary: f.Summary(l, dialogueFormOrder...),
		Kind:        f.Select(l, "kind", "dialoog.field.kind", true, keyOptions(l, dialoog.Kinds, "dialoog.kind.", f.Values["kind"])),
		Theme:       f.Field(l, "theme", "dialoog.field.theme", "text", "off", true),
		HeldOn:      f.Field(l, "held_on", "dialoog.field.held_on", "date", "off", true),
		ClosesOn:    f.Field(l, "closes_on", "dialoog.field.closes_on", "date", "off", false),
		Place:       f.Field(l, "place", "dialoog.field.place", "text", "off", false),
		Facilitator: f.Field(l, "facilitator", "dialoog.field.facilitator", "text", "off", false),
		Attendance:  f.Field(l, "attendance", "dialoog.field.attendance", "text", "off", false),
		Owner:       f.Select(l, "owner_org_id", "dialoog.field.owner", false, owners),
		AnswerDays:  f.Field(l, "answer_days", "dialoog.field.answer_days", "text", "off", true),
	}
	p.Attendance.Inputmode, p.AnswerDays.Inputmode = "numeric", "numeric"
	h.renderStatus(w, r, rc, status, "dialoog_new.html", p)
}

// formInt reads a whole number of a form field; an empty field is 0. It
// records the message key on the field when the value is no number.
func formInt(f form, rc *request, name string) int {
	v := f.Values[name]
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		f.Errors[name] = rc.L.T("dialoog.error.number")
		return 0
	}
	return n
}

func (h *Handler) dialogueCreate(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, dialogueFormOrder...)
	d := dialoog.Dialogue{WijkID: rc.Wijk.ID, Kind: f.Values["kind"], Theme: f.Values["theme"], HeldOn: f.Values["held_on"], ClosesOn: f.Values["closes_on"],
		Place: f.Values["place"], Facilitator: f.Values["facilitator"], OwnerOrgID: f.Values["owner_org_id"], CreatedBy: rc.Actor.User.ID}
	d.Attendance = formInt(f, rc, "attendance")
	d.AnswerDays = formInt(f, rc, "answer_days")
	if f.Values["answer_days"] == "" {
		d.AnswerDays = -1 // required: Validate refuses it
	}
	if f.HasErrors() {
		check := d
		check.Normalize()
		if err := check.Validate(); err != nil {
			own := map[string]string{}
			for k, v := range f.Errors {
				own[k] = v
			}
			f.setErr(rc, err)
			for k, v := range own {
				f.Errors[k] = v
			}
		}
		h.renderDialogueForm(w, r, rc, http.StatusBadRequest, f)
		return
	}
	if err := h.store.CreateDialogue(ctx(r), &d); err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderDialogueForm(w, r, rc, http.StatusBadRequest, f)
		return
	}
	h.flash(w, "dialoog.flash.created")
	http.Redirect(w, r, dialoguesBase(rc)+"/"+d.ID, http.StatusSeeOther)
}

// dialogueInWijk loads the dialogue of the URL; one of another wijk is not
// found.
func (h *Handler) dialogueInWijk(w http.ResponseWriter, r *http.Request, rc *request) (dialoog.Dialogue, bool) {
	d, err := h.store.Dialogue(ctx(r), r.PathValue("id"))
	if err == nil && d.WijkID != rc.Wijk.ID {
		err = wei.ErrNotFound
	}
	if err != nil {
		h.serverError(w, r, rc, err)
		return d, false
	}
	return d, true
}

type dialoguePage struct {
	Page
	Dialogue    dialogueRow
	Facilitator string
	Attendance  string
	Owner       string
	AnswerDays  int
	Table       dialoogInputsTable
	More        int // inputs not shown here (see the public page)
	CanGive     bool
	SignInHref  string
	Summary     *ErrorSummary
	InputKind   Field
	Body        Field
	OnBehalf    *Field // staff only: entered on a resident's behalf
	Consent     *Field
}

var inputFormOrder = []string{"kind", "body", "on_behalf", "consent"}

// dialogue shows one dialogue with its inputs and, for a signed-in user
// while it is open, the form to give input.
func (h *Handler) dialogue(w http.ResponseWriter, r *http.Request, rc *request) {
	d, ok := h.dialogueInWijk(w, r, rc)
	if !ok {
		return
	}
	f := newForm()
	f.Values["kind"] = dialoog.InputIdea
	h.renderDialogue(w, r, rc, http.StatusOK, d, f)
}

const dialogueInputsShown = 200

func (h *Handler) renderDialogue(w http.ResponseWriter, r *http.Request, rc *request, status int, d dialoog.Dialogue, f form) {
	l := rc.L
	day := todayText()
	inputs, total, err := h.store.WijkInputs(ctx(r), rc.Wijk.ID, store.InputFilter{DialogueID: d.ID}, dialogueInputsShown, 0)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	names, err := h.orgNames(r, rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := dialoguePage{Page: h.page(r, rc, d.Theme), Dialogue: newDialogueRow(l, d, day), Facilitator: d.Facilitator,
		Owner: names[d.OwnerOrgID], AnswerDays: d.AnswerDays, More: total - len(inputs),
		CanGive: d.Open(day), SignInHref: "/inloggen?next=" + dialoguesBase(rc) + "/" + d.ID}
	if d.Kind == dialoog.KindSession {
		p.Attendance = l.Number(int64(d.Attendance))
	}
	p.Table = dialoogInputsTable{L: l, WijkSlug: rc.Wijk.Slug, Caption: l.T("dialoog.inputs.caption", total)}
	for _, in := range inputs {
		p.Table.Rows = append(p.Table.Rows, newInputRow(l, in, day))
	}
	p.Summary = f.Summary(l, inputFormOrder...)
	if rc.Actor.SignedIn() && p.CanGive {
		p.InputKind = f.Select(l, "kind", "dialoog.field.input_kind", true, keyOptions(l, dialoog.InputKinds, "dialoog.input_kind.", f.Values["kind"]))
		p.Body = f.Field(l, "body", "dialoog.field.body", "textarea", "off", true)
		if rc.Actor.Can(account.PermManageDialogues, rc.Wijk.ID) {
			ob, c := f.Check(l, "on_behalf", "dialoog.field.on_behalf"), f.Check(l, "consent", "dialoog.field.consent")
			ob.Required, c.Required = false, false
			p.OnBehalf, p.Consent = &ob, &c
		}
	}
	h.renderStatus(w, r, rc, status, "dialoog_dialogue.html", p)
}

// inputCreate stores input given in a dialogue: by the resident as
// themselves, or by staff on a resident's behalf with their consent.
func (h *Handler) inputCreate(w http.ResponseWriter, r *http.Request, rc *request) {
	d, ok := h.dialogueInWijk(w, r, rc)
	if !ok {
		return
	}
	f := newForm().fill(r, inputFormOrder...)
	in := dialoog.Input{DialogueID: d.ID, WijkID: rc.Wijk.ID, Kind: f.Values["kind"], Body: f.Values["body"], EnteredBy: rc.Actor.User.ID}
	switch {
	case f.Values["on_behalf"] != "yes":
		in.AuthorUserID = rc.Actor.User.ID
	case !rc.Actor.Can(account.PermManageDialogues, rc.Wijk.ID):
		h.renderError(w, r, rc, http.StatusForbidden, "error.forbidden.title", "dialoog.error.behalf_forbidden")
		return
	default:
		in.OnBehalf = true
		if f.Values["consent"] != "yes" {
			f.Errors["consent"] = rc.L.T("dialoog.error.consent")
		}
	}
	if f.HasErrors() {
		check := in
		check.Normalize()
		if err := check.Validate(); err != nil {
			f.setErr(rc, err)
		}
		h.renderDialogue(w, r, rc, http.StatusBadRequest, d, f)
		return
	}
	if err := h.store.CreateInput(ctx(r), &in); err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderDialogue(w, r, rc, http.StatusBadRequest, d, f)
		return
	}
	h.flash(w, "dialoog.flash.input_given")
	http.Redirect(w, r, "/w/"+rc.Wijk.Slug+"/inbreng/"+in.ID, http.StatusSeeOther)
}
