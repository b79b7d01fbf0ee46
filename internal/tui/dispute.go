package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/playdrill/playdrill/internal/drill"
)

// disputedLine is the one line saying an answer is disputed.
const disputedLine = "Disputed: a manager will review your words; the grade stands until then."

// disputeState is the rep's dispute of the answer being rated: asked with
// the dispute key before rating, recorded once the attempt is.
type disputeState struct {
	asked bool
}

// disputeSavedMsg reports a dispute recorded after its attempt.
type disputeSavedMsg struct {
	session int
	err     error
}

// askDispute handles the dispute key on a graded card: the answer is
// disputed once it is recorded with the rep's rating; an answer that
// cannot be disputed says why.
func (d *drillScreen) askDispute() tea.Cmd {
	if err := drill.Disputable(d.card(), d.result); err != nil {
		d.c.setError("Cannot dispute: " + cleanLine(err.Error()) + ".")
		return nil
	}
	d.dispute.asked = true
	d.c.setStatus("Dispute noted: it is recorded with your rating. Now rate the answer.")
	return nil
}

// recordedDispute says so when recording made the answer a dispute (a
// failing answer rated above the suggestion), or records the dispute the
// rep asked for, in a command.
func (d *drillScreen) recordedDispute(out drill.Outcome) tea.Cmd {
	asked := d.dispute.asked
	d.dispute = disputeState{}
	if out.Disputed != nil {
		d.c.setStatus(disputedLine)
		return nil
	}
	if drill.Overruled(out, d.c.eng.PassMark()) {
		d.c.setStatus("The grade stands: a wrong answer is scheduled as " + out.Attempt.Suggested.String() + ".")
		return nil
	}
	if !asked {
		return nil
	}
	eng, c, res, session := d.c.eng, d.card(), d.result, d.session
	att := out.Attempt
	return func() tea.Msg {
		_, err := eng.Dispute(c, att, res)
		return disputeSavedMsg{session: session, err: err}
	}
}

func (d *drillScreen) onDisputeSaved(msg disputeSavedMsg) tea.Cmd {
	if msg.session != d.session {
		return nil
	}
	if msg.err != nil {
		d.c.setError("Not disputed: " + cleanLine(msg.err.Error()))
		return nil
	}
	d.c.setStatus(disputedLine)
	return nil
}
