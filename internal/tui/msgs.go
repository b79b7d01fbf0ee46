package tui

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/render"
)

// Results of slow work arrive as messages. Each carries the generation it
// was asked for (the playbook/rep generation or a session id) so a result
// that arrives after the rep moved on is dropped instead of applied.

// Navigation: a screen never switches screens itself; it returns one of
// these and the root acts on it, handing the message on to the screen it
// opens.

// goHomeMsg opens Home, showing note on the status line.
type goHomeMsg struct {
	note    string
	noteErr bool
}

// closeGuideMsg closes the guide.
type closeGuideMsg struct{}

// openStepMsg opens the learn screen on a step.
// today: opened from today's drill, so the step is read before it is
// drilled and d goes on with today's drill.
type openStepMsg struct {
	id    string
	today bool
}

// startDrillMsg starts a drill session on the cards sel picks.
type startDrillMsg struct {
	title string
	sel   drill.Selection
}

// openProgressMsg opens the Progress screen.
type openProgressMsg struct{}

// repChosenMsg says who is drilling.
type repChosenMsg struct{ rep string }

// quitMsg ends the program.
type quitMsg struct{}

// hideProblemsMsg closes the problems screen, keeping the last good
// playbook.
type hideProblemsMsg struct{}

// bookChangedMsg tells every screen that the playbook was reloaded.
type bookChangedMsg struct{}

// navigate returns a command delivering msg to the root.
func navigate(msg tea.Msg) tea.Cmd {
	return func() tea.Msg { return msg }
}

type progressMsg struct {
	gen  int
	prog drill.Progress
	// dueLater counts the cards that fall due later today.
	dueLater int
	err      error
}

type queueMsg struct {
	gen   int
	title string
	sel   drill.Selection
	cards []*playbook.Card
	err   error
}

type recordedMsg struct {
	session int
	out     drill.Outcome
	err     error
}

type feedbackSavedMsg struct {
	session int
	err     error
}

type progressDataMsg struct {
	gen      int
	activity map[string]int
	weakest  []drill.CardReport
	err      error
}

// markdownRenderer renders markdown for the terminal; *render.Renderer is
// the real one.
type markdownRenderer interface {
	Markdown(src string, width int, style render.Style) (string, error)
}

// renderKey names one rendering of a piece of markdown; rendered output is
// cached under it so View never renders.
type renderKey struct {
	id    string
	width int
	style render.Style
}

type renderedMsg struct {
	key renderKey
	out string
}

// fileChangedMsg says the watched playbook changed on disk.
type fileChangedMsg struct{}

// reloadTickMsg fires after a short quiet period following a change, so one
// editor save (often several events) causes one reload.
type reloadTickMsg struct{ gen int }

type reloadedMsg struct {
	book     *playbook.Playbook
	problems []string
	err      error
}

func loadProgressCmd(gen int, e engine) tea.Cmd {
	return func() tea.Msg {
		p, err := e.Progress()
		later := 0
		if dl, ok := e.(interface{ DueLaterToday() (int, error) }); ok && err == nil {
			later, err = dl.DueLaterToday()
		}
		return progressMsg{gen: gen, prog: p, dueLater: later, err: err}
	}
}

func queueCmd(gen int, e engine, title string, sel drill.Selection) tea.Cmd {
	return func() tea.Msg {
		cards, err := e.Queue(sel)
		return queueMsg{gen: gen, title: title, sel: sel, cards: cards, err: err}
	}
}

// progressDataCmd loads what the Progress screen shows beyond the engine's
// progress: the last 12 weeks of activity and the weakest cards.
func progressDataCmd(gen int, e engine, store playbook.Store, rep string, now time.Time) tea.Cmd {
	return func() tea.Msg {
		from, to := heatmapRange(now)
		var act map[string]int
		var err error
		if store != nil {
			act, err = store.Activity(rep, from, to)
		}
		weak, werr := e.Weakest(5)
		if err == nil {
			err = werr
		}
		return progressDataMsg{gen: gen, activity: act, weakest: weak, err: err}
	}
}

// renderCmd renders markdown off the UI goroutine. A rendering failure falls
// back to the sanitised source, so the rep still reads the step.
func renderCmd(r markdownRenderer, key renderKey, src string) tea.Cmd {
	return func() tea.Msg {
		out, err := r.Markdown(src, key.width, key.style)
		if err != nil {
			out = fallbackText(src, key.width)
		}
		return renderedMsg{key: key, out: out}
	}
}

func reloadCmd(reload func() (*playbook.Playbook, []string, error)) tea.Cmd {
	return func() tea.Msg {
		book, problems, err := reload()
		return reloadedMsg{book: book, problems: problems, err: err}
	}
}
