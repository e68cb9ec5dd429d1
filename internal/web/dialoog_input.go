package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/dialoog"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
)

// One input: what was said, its owner, date, status and public answer,
// the history of every answer, what came of it; following it; answering
// it (its owner party or the process manager); linking it.

func inputBase(rc *request, id string) string { return "/w/" + rc.Wijk.Slug + "/inbreng/" + id }

// inputRow is an input as listed publicly: never with its author.
type inputRow struct {
	ID, Kind, Body, Theme, Owner, Status, StatusKey, Answer, Due, Given string
	Overdue                                                             bool
}

func newInputRow(l *locale.Localizer, in store.PublicInput, day string) inputRow {
	row := inputRow{ID: in.ID, Kind: l.T("dialoog.input_kind." + in.Kind), Body: in.Body, Theme: in.DialogueTheme, Owner: in.OwnerName,
		Status: l.T("dialoog.status." + in.Status), StatusKey: in.Status, Answer: in.Answer, Due: dayText(l, in.DueOn),
		Given: l.Date(in.CreatedAt), Overdue: in.Overdue(day)}
	if row.Owner == "" {
		row.Owner = l.T("dialoog.owner.none")
	}
	return row
}

type historyRow struct {
	At, Status, Answer, Owner, Due string
}

type linkRow struct {
	Kind, Label, Href string
}

type inputPage struct {
	Page
	Input      inputRow
	Dialogue   string // the dialogue's page
	Source     string // "een bewoner", or entered on a resident's behalf
	History    []historyRow
	Links      []linkRow
	Following  bool
	CanFollow  bool
	CanAnswer  bool
	CanManage  bool
	Summary    *ErrorSummary
	Status     Field
	Answer     Field
	Owner      Field
	DueOn      Field
	LinkErrors *ErrorSummary
	LinkKind   Field
	LinkTarget Field
	LinkLabel  Field
}

var answerFormOrder = []string{"status", "answer", "owner_org_id", "due_on"}
var linkFormOrder = []string{"kind", "target_id", "label"}

// inputInWijk loads the input of the URL; one of another wijk is not found.
func (h *Handler) inputInWijk(w http.ResponseWriter, r *http.Request, rc *request) (dialoog.Input, bool) {
	in, err := h.store.Input(ctx(r), r.PathValue("id"))
	if err == nil && in.WijkID != rc.Wijk.ID {
		err = wei.ErrNotFound
	}
	if err != nil {
		h.serverError(w, r, rc, err)
		return in, false
	}
	return in, true
}

// canAnswer reports whether the actor may answer the input: the process
// manager, or a partner of the organisation that owns it.
func canAnswer(rc *request, in dialoog.Input) bool {
	return rc.Actor.CanOrg(account.PermAnswerInput, rc.Wijk.ID, in.OwnerOrgID)
}

func (h *Handler) input(w http.ResponseWriter, r *http.Request, rc *request) {
	in, ok := h.inputInWijk(w, r, rc)
	if !ok {
		return
	}
	h.renderInput(w, r, rc, http.StatusOK, in, answerForm(in), newForm())
}

func answerForm(in dialoog.Input) form {
	f := newForm()
	f.Values["status"], f.Values["answer"], f.Values["owner_org_id"], f.Values["due_on"] = in.Status, in.Answer, in.OwnerOrgID, in.DueOn
	return f
}

func (h *Handler) renderInput(w http.ResponseWriter, r *http.Request, rc *request, status int, in dialoog.Input, af, lf form) {
	l := rc.L
	c := ctx(r)
	d, err := h.store.Dialogue(c, in.DialogueID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	names, err := h.orgNames(r, rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	hist, err := h.store.InputHistory(c, in.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	links, err := h.store.InputLinks(c, in.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	pub := store.PublicInput{Input: in, DialogueTheme: d.Theme, OwnerName: names[in.OwnerOrgID]}
	p := inputPage{Page: h.page(r, rc, l.T("dialoog.input.title", d.Theme)), Input: newInputRow(l, pub, todayText()),
		Dialogue: dialoguesBase(rc) + "/" + d.ID, Source: l.T("dialoog.source.resident"),
		CanFollow: rc.Actor.SignedIn(), CanAnswer: rc.Actor.SignedIn() && canAnswer(rc, in),
		CanManage: rc.Actor.Can(account.PermManageDialogues, rc.Wijk.ID)}
	if in.OnBehalf {
		p.Source = l.T("dialoog.source.behalf")
	}
	for _, e := range hist {
		owner := names[e.OwnerOrgID]
		if owner == "" {
			owner = l.T("dialoog.owner.none")
		}
		p.History = append(p.History, historyRow{At: l.DateTime(e.At), Status: l.T("dialoog.status." + e.Status), Answer: e.Answer, Owner: owner, Due: dayText(l, e.DueOn)})
	}
	for _, k := range links {
		p.Links = append(p.Links, linkRow{Kind: l.T("dialoog.link." + k.Kind), Label: k.Label, Href: linkHref(rc, k)})
	}
	if p.CanFollow {
		if p.Following, err = h.store.Follows(c, in.ID, rc.Actor.User.ID); err != nil {
			h.serverError(w, r, rc, err)
			return
		}
	}
	if p.CanAnswer {
		p.Summary = af.Summary(l, answerFormOrder...)
		p.Status = af.Select(l, "status", "dialoog.field.status", true, keyOptions(l, dialoog.Statuses, "dialoog.status.", af.Values["status"]))
		p.Answer = af.Field(l, "answer", "dialoog.field.answer", "textarea", "off", false)
		if p.CanManage {
			owners, err := h.orgOptions(r, rc, af.Values["owner_org_id"], l.T("dialoog.owner.none"))
			if err != nil {
				h.serverError(w, r, rc, err)
				return
			}
			p.Owner = af.Select(l, "owner_org_id", "dialoog.field.owner", false, owners)
			p.DueOn = af.Field(l, "due_on", "dialoog.field.due_on", "date", "off", true)
		}
		p.LinkErrors = lf.Summary(l, linkFormOrder...)
		p.LinkKind = lf.Select(l, "kind", "dialoog.field.link_kind", true, keyOptions(l, dialoog.LinkKinds, "dialoog.link.", lf.Values["kind"]))
		p.LinkKind.ID = "f-link-kind"
		p.LinkTarget = lf.fieldAs(l, "f-link-target_id", "target_id", "dialoog.field.link_target", "text", "off", true)
		p.LinkLabel = lf.fieldAs(l, "f-link-label", "label", "dialoog.field.link_label", "text", "off", true)
		if p.LinkErrors != nil {
			for i, it := range p.LinkErrors.Items {
				p.LinkErrors.Items[i].Href = strings.Replace(it.Href, "#f-", "#f-link-", 1)
			}
		}
	}
	h.renderStatus(w, r, rc, status, "dialoog_input.html", p)
}

// linkHref is where a link points, for the kinds whose pages are known.
func linkHref(rc *request, k dialoog.Link) string {
	switch k.Kind {
	case dialoog.LinkInitiative:
		return "/w/" + rc.Wijk.Slug + "/initiatieven/" + k.TargetID
	}
	return ""
}

// inputAnswer records a new status and answer (and, for the process
// manager, owner and date); the earlier answer stays in the history, and
// followers get an e-mail when the answer or status changed.
func (h *Handler) inputAnswer(w http.ResponseWriter, r *http.Request, rc *request) {
	in, ok := h.inputInWijk(w, r, rc)
	if !ok {
		return
	}
	if !canAnswer(rc, in) {
		h.renderError(w, r, rc, http.StatusForbidden, "error.forbidden.title", "dialoog.error.not_owner")
		return
	}
	f := newForm().fill(r, answerFormOrder...)
	c := dialoog.Change{Status: f.Values["status"], Answer: f.Values["answer"], OwnerOrgID: in.OwnerOrgID, DueOn: in.DueOn}
	if rc.Actor.Can(account.PermManageDialogues, rc.Wijk.ID) {
		c.OwnerOrgID, c.DueOn = f.Values["owner_org_id"], f.Values["due_on"]
	} else {
		f.Values["owner_org_id"], f.Values["due_on"] = in.OwnerOrgID, in.DueOn
	}
	res, err := h.store.ChangeInput(ctx(r), rc.Wijk.ID, in.ID, c, rc.Actor.User.ID)
	if err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderInput(w, r, rc, http.StatusBadRequest, in, f, newForm())
		return
	}
	if res.Notify {
		if err := h.notifyFollowers(ctx(r), rc, in.ID, res.Followers); err != nil {
			h.log.Error("input followers not told", slog.String("input_id", in.ID), slog.Any("error", err))
		}
	}
	h.flash(w, "dialoog.flash.answered")
	http.Redirect(w, r, inputBase(rc, in.ID), http.StatusSeeOther)
}

// notifyFollowers e-mails the followers of an input its new status and
// answer, in Dutch, with the link to the input's public page.
func (h *Handler) notifyFollowers(c context.Context, rc *request, inputID string, to []string) error {
	if len(to) == 0 {
		return nil
	}
	in, err := h.store.Input(c, inputID)
	if err != nil {
		return err
	}
	l := h.loc.For(locale.Default)
	subject := l.T("dialoog.mail.answer.subject", rc.Wijk.Name)
	body := l.T("dialoog.mail.answer.body", excerpt(in.Body, 200), l.T("dialoog.status."+in.Status), in.Answer, h.cfg.BaseURL+inputBase(rc, in.ID))
	var errs []error
	for _, addr := range to {
		errs = append(errs, h.mail.Send(c, addr, subject, body))
	}
	return errors.Join(errs...)
}

// excerpt shortens s to at most n characters, on a word boundary.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) <= n {
		return s
	}
	cut := string([]rune(s)[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

// inputLink links an input to what came of it.
func (h *Handler) inputLink(w http.ResponseWriter, r *http.Request, rc *request) {
	in, ok := h.inputInWijk(w, r, rc)
	if !ok {
		return
	}
	if !canAnswer(rc, in) {
		h.renderError(w, r, rc, http.StatusForbidden, "error.forbidden.title", "dialoog.error.not_owner")
		return
	}
	f := newForm().fill(r, linkFormOrder...)
	k := dialoog.Link{InputID: in.ID, Kind: f.Values["kind"], TargetID: f.Values["target_id"], Label: f.Values["label"], CreatedBy: rc.Actor.User.ID}
	if k.Kind == dialoog.LinkInitiative && k.TargetID != "" {
		// An initiative is ours to check: it must be one of this wijk, so
		// the link on the public page leads somewhere.
		if ini, err := h.store.Initiative(ctx(r), k.TargetID); err != nil || ini.WijkID != rc.Wijk.ID {
			if err != nil && !errors.Is(err, wei.ErrNotFound) {
				h.serverError(w, r, rc, err)
				return
			}
			f.Errors["target_id"] = rc.L.T("dialoog.error.initiative")
			h.renderInput(w, r, rc, http.StatusBadRequest, in, answerForm(in), f)
			return
		}
	}
	if err := h.store.AddInputLink(ctx(r), &k); err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderInput(w, r, rc, http.StatusBadRequest, in, answerForm(in), f)
		return
	}
	h.flash(w, "dialoog.flash.linked")
	http.Redirect(w, r, inputBase(rc, in.ID), http.StatusSeeOther)
}

// inputFollow and inputUnfollow start and stop following an input.
func (h *Handler) inputFollow(w http.ResponseWriter, r *http.Request, rc *request) {
	h.setFollow(w, r, rc, true)
}

func (h *Handler) inputUnfollow(w http.ResponseWriter, r *http.Request, rc *request) {
	h.setFollow(w, r, rc, false)
}

func (h *Handler) setFollow(w http.ResponseWriter, r *http.Request, rc *request, on bool) {
	in, ok := h.inputInWijk(w, r, rc)
	if !ok {
		return
	}
	var err error
	key := "dialoog.flash.following"
	if on {
		err = h.store.FollowInput(ctx(r), in.ID, rc.Actor.User.ID)
	} else {
		err, key = h.store.UnfollowInput(ctx(r), in.ID, rc.Actor.User.ID), "dialoog.flash.unfollowed"
	}
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.flash(w, key)
	http.Redirect(w, r, inputBase(rc, in.ID), http.StatusSeeOther)
}
