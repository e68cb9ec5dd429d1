package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/wei-platform/wei/internal/locale"
)

// SendInputReminders e-mails the owners of overdue inputs: the partner
// accounts of the owner organisation, or the wijk's process managers when
// it has none (or the input has no owner). The background job of `wei
// serve` calls it; each input's owner is reminded at most once a week,
// also with several instances (store.ClaimReminders claims each one).
func (h *Handler) SendInputReminders(c context.Context, now time.Time) error {
	rs, err := h.store.ClaimReminders(c, now)
	if err != nil {
		return err
	}
	l := h.loc.For(locale.Default)
	var errs []error
	sent := 0
	for _, r := range rs {
		link := h.cfg.BaseURL + "/w/" + r.WijkSlug + "/inbreng/" + r.Input.ID
		owner := r.Owner
		if owner == "" {
			owner = l.T("dialoog.owner.none")
		}
		subject := l.T("dialoog.mail.remind.subject")
		body := l.T("dialoog.mail.remind.body", owner, excerpt(r.Input.Body, 200), dayText(l, r.Input.DueOn), link)
		for _, to := range r.To {
			if err := h.mail.Send(c, to, subject, body); err != nil {
				errs = append(errs, fmt.Errorf("reminder for input %s: %w", r.Input.ID, err))
				continue
			}
			sent++
		}
	}
	if len(rs) > 0 {
		h.log.Info("input reminders sent", slog.Int("inputs", len(rs)), slog.Int("messages", sent))
	}
	return errors.Join(errs...)
}
