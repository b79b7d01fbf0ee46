package tui

import (
	"context"
	"io"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/render"
)

// Config is what the command line hands the TUI.
type Config struct {
	Book  *playbook.Playbook
	Store playbook.Store
	// Options configure the drill engine; Options.Rep is the rep to use
	// when no one is picked on the "who is drilling" screen.
	Options drill.Options
	// RepGiven says the rep was named with --rep or PLAYDRILL_REP.
	RepGiven bool
	// Reps are the reps already in the database.
	Reps []string
	// Reload loads the playbook again from disk and returns its problems
	// (errors, as FILE:LINE:COL text). Nil when the playbook is not on disk.
	Reload func() (*playbook.Playbook, []string, error)
	// WatchPath is the playbook file or folder to watch for changes.
	WatchPath string
	NoColor   bool
	// SessionSize is the most cards a session holds; 0 means
	// drill.DefaultSessionSize.
	SessionSize int
	// Start, when set, opens a drill session on these cards as soon as the
	// rep is known (`playdrill drill --step ... ` in a terminal).
	Start *drill.Selection
	// Renderer renders markdown; nil makes one.
	Renderer *render.Renderer
	Input    io.Reader
	Output   io.Writer

	// Push, when set (push after each session is on), sends what the LRS
	// has not accepted yet and says how it went. It runs in the
	// background after a session that recorded answers; its result shows
	// on Home, and a failure never stops drilling.
	Push func(ctx context.Context) (string, error)

	// markdown, when set, renders markdown instead of Renderer (tests).
	markdown markdownRenderer
}

// screenID names a screen.
type screenID int

const (
	screenWho screenID = iota
	screenHome
	screenLearn
	screenDrill
	screenProgress
	screenProblems
	screenGuide
	screenCount
)

// The smallest terminal the UI lays itself out in.
const (
	minWidth  = 60
	minHeight = 16
)

// screen is one screen of the TUI. It holds the shared *common, handles
// the messages the root hands it, and asks to go elsewhere by returning a
// navigation message (see msgs.go); it never reaches the root.
type screen interface {
	Update(msg tea.Msg) tea.Cmd
	// View draws the body, between the header and the status line.
	View(width, height int) string
	KeyMap() help.KeyMap
	// Typing reports whether a text input is focused, in which case
	// printable keys such as `?` and `q` belong to the input.
	Typing() bool
	// Layout adapts the screen to a new size, style or standing.
	Layout() tea.Cmd
}

// Model is the root model of the TUI. It only routes: keys to the screen
// in front, results to their owner, navigation messages to the screen
// they open.
type Model struct {
	c         *common
	cfg       Config
	newEngine engineFactory
	screens   [screenCount]screen
	active    screenID
	// overlay is set while the playbook's problems show over the active
	// screen; guide while the guide shows over either.
	overlay, guide bool
	// welcomed: the first progress has been seen, and with it whether the
	// rep is new and gets the guide.
	welcomed bool
	// start is the session asked for on the command line, until it opens.
	start     *drill.Selection
	reloadGen int
	quitting  bool
	frame     frameCache
}

// frameCache keeps the last frame for messages that change nothing on
// screen.
type frameCache struct {
	text, status string
}

// New returns the root model for cfg.
func New(cfg Config) *Model {
	return newModel(cfg, realEngine)
}

func newModel(cfg Config, factory engineFactory) *Model {
	var r markdownRenderer = render.New()
	if cfg.markdown != nil {
		r = cfg.markdown
	} else if cfg.Renderer != nil {
		r = cfg.Renderer
	}
	c := newCommon(cfg, r)
	m := &Model{c: c, cfg: cfg, newEngine: factory, start: cfg.Start}
	m.screens = [screenCount]screen{
		screenWho:      newWhoScreen(c, cfg.Reps, cfg.Options.Rep),
		screenHome:     newHomeScreen(c),
		screenLearn:    newLearnScreen(c),
		screenDrill:    newDrillScreen(c),
		screenProgress: newProgressScreen(c),
		screenProblems: newProblemsScreen(c),
		screenGuide:    newGuideScreen(c),
	}
	if !cfg.RepGiven && len(cfg.Reps) > 1 {
		m.active = screenWho
	} else {
		m.active = screenHome
		m.useRep(cfg.Options.Rep)
	}
	return m
}

// Init asks the terminal for its background and loads the rep's progress.
func (m *Model) Init() tea.Cmd {
	cmds := []tea.Cmd{tea.RequestBackgroundColor}
	if m.c.eng != nil {
		cmds = append(cmds, loadProgressCmd(m.c.gen, m.c.eng), m.startRequested())
	}
	return tea.Batch(cmds...)
}

// startRequested opens the session asked for on the command line, once.
func (m *Model) startRequested() tea.Cmd {
	sel := m.start
	if sel == nil {
		return nil
	}
	m.start = nil
	return m.open(screenDrill, startDrillMsg{title: m.sessionTitle(*sel), sel: *sel})
}

// sessionTitle names a session started from the command line.
func (m *Model) sessionTitle(sel drill.Selection) string {
	title := "Today's drill"
	switch {
	case sel.Objections:
		title = "Objections"
	case sel.Step != "":
		title = "Drill: " + cleanLine(sel.Step)
		if s, ok := m.c.book.Step(sel.Step); ok {
			title = "Drill: " + cleanLine(s.Title)
		}
	case sel.Competitor != "":
		title = "Differentiators: " + cleanLine(sel.Competitor)
	}
	if sel.Cram {
		title += " (cram)"
	}
	return title
}

// useRep makes rep the one drilling and returns the command loading their
// progress.
func (m *Model) useRep(rep string) tea.Cmd {
	m.c.rep = rep
	return m.resetEngine()
}

// resetEngine rebuilds the engine for the current playbook and rep.
func (m *Model) resetEngine() tea.Cmd {
	opt := m.cfg.Options
	opt.Rep = m.c.rep
	m.c.eng = m.newEngine(m.c.book, m.cfg.Store, opt)
	m.c.gen++
	return loadProgressCmd(m.c.gen, m.c.eng)
}

// current is the screen in front: the problems while they show.
func (m *Model) current() screen {
	if m.guide {
		return m.screens[screenGuide]
	}
	if m.overlay {
		return m.screens[screenProblems]
	}
	return m.screens[m.active]
}

// Update routes msg: keys to the screen in front, results to their owner,
// navigation to the screen it opens.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	m.c.unchanged = false
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return m, m.resize(msg.Width, msg.Height)
	case tea.BackgroundColorMsg:
		return m, m.setDark(msg.IsDark())
	case tea.KeyPressMsg:
		return m, m.handleKey(msg)
	case progressMsg:
		if msg.gen != m.c.gen {
			return m, nil
		}
		if msg.err != nil {
			m.c.setError("Could not read progress: " + cleanLine(msg.err.Error()))
			return m, nil
		}
		m.c.progress.set(msg.prog)
		m.c.progress.dueLater = msg.dueLater
		if !m.welcomed {
			m.welcomed = true
			if msg.prog.Attempts == 0 && m.active == screenHome && !m.overlay {
				return m, tea.Batch(m.screens[m.active].Update(msg), m.openGuide(true))
			}
		}
		return m, m.screens[m.active].Update(msg)
	case renderedMsg:
		if !m.c.cache.put(msg) {
			return m, nil
		}
		return m, m.screens[m.active].Update(msg)
	case recordedMsg:
		m.c.push.unsent = true
		return m, m.screens[screenDrill].Update(msg)
	case queueMsg, feedbackSavedMsg:
		return m, m.screens[screenDrill].Update(msg)
	case pushedMsg:
		m.c.push.done(msg, m.c.now())
		return m, m.current().Layout()
	case progressDataMsg:
		return m, m.screens[screenProgress].Update(msg)
	case goHomeMsg:
		cmd := m.goTo(screenHome)
		if msg.note != "" {
			m.c.status, m.c.statusErr = msg.note, msg.noteErr
		}
		return m, tea.Batch(cmd, m.c.push.start())
	case openStepMsg:
		return m, m.open(screenLearn, msg)
	case startDrillMsg:
		return m, m.open(screenDrill, msg)
	case openProgressMsg:
		return m, m.open(screenProgress, msg)
	case repChosenMsg:
		return m, tea.Batch(m.useRep(msg.rep), m.goTo(screenHome), m.startRequested())
	case quitMsg:
		return m, m.quit()
	case closeGuideMsg:
		m.guide = false
		return m, m.current().Layout()
	case hideProblemsMsg:
		// Keep drilling on the last playbook that loaded; the next save
		// checks again.
		m.overlay = false
		m.c.setError("The playbook on disk has problems; still using the last good version")
		return m, m.current().Layout()
	case fileChangedMsg:
		return m, m.onFileChanged()
	case reloadTickMsg:
		return m, m.onReloadTick(msg)
	case reloadedMsg:
		return m, m.onReloaded(msg)
	}
	return m, m.current().Update(msg)
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	g := m.c.keys
	if key.Matches(msg, g.Quit) {
		return m.quit()
	}
	if key.Matches(msg, g.Suspend) {
		return tea.Suspend
	}
	if m.tooSmall() {
		if msg.String() == "q" {
			return m.quit()
		}
		return nil
	}
	s := m.current()
	if !s.Typing() && key.Matches(msg, g.Help) && !m.guide {
		return m.openGuide(false)
	}
	// A key clears the last message, unless it is an error the rep has
	// not seen a new screen since.
	if !m.c.statusErr {
		m.c.status = ""
	}
	return s.Update(msg)
}

// openGuide shows the guide over the screen in front; welcome greets a
// rep who has never answered a card.
func (m *Model) openGuide(welcome bool) tea.Cmd {
	under := m.current().KeyMap()
	m.guide = true
	return m.screens[screenGuide].(*guideScreen).open(under, welcome)
}

func (m *Model) quit() tea.Cmd {
	m.quitting = true
	return tea.Quit
}

// goTo switches screens, clearing a stale error.
func (m *Model) goTo(id screenID) tea.Cmd {
	m.active = id
	m.c.status, m.c.statusErr = "", false
	return m.screens[id].Layout()
}

// open hands msg to screen id and brings it to the front.
func (m *Model) open(id screenID, msg tea.Msg) tea.Cmd {
	cmd := m.screens[id].Update(msg)
	return tea.Batch(cmd, m.goTo(id))
}

func (m *Model) resize(w, h int) tea.Cmd {
	m.c.width, m.c.height = w, h
	m.c.help.SetWidth(w)
	if m.tooSmall() {
		return nil
	}
	return m.current().Layout()
}

func (m *Model) setDark(dark bool) tea.Cmd {
	if dark == m.c.dark {
		return nil
	}
	m.c.dark = dark
	m.c.restyle()
	return m.current().Layout()
}

func (m *Model) tooSmall() bool {
	return m.c.width < minWidth || m.c.height < minHeight
}

// View draws the screen in front inside a frame: header, body, status,
// help.
func (m *Model) View() tea.View {
	if m.quitting {
		return tea.NewView("")
	}
	if !m.c.unchanged || m.frame.text == "" || m.c.status != m.frame.status {
		m.frame = frameCache{text: m.draw(), status: m.c.status}
	}
	v := tea.NewView(m.frame.text)
	v.AltScreen = true
	// The wheel is taken from the terminal only where there is something
	// to scroll, so text can still be selected elsewhere.
	if s, ok := m.current().(interface{ Scrollable() bool }); ok && s.Scrollable() && !m.tooSmall() {
		v.MouseMode = tea.MouseModeCellMotion
	}
	v.WindowTitle = "playdrill"
	return v
}

func (m *Model) draw() string {
	if m.tooSmall() {
		return m.tooSmallView()
	}
	s := m.current()
	helpView := m.c.helpView(s.KeyMap())
	bodyH := m.c.height - 2 - 1 - lipgloss.Height(helpView)
	return strings.Join([]string{
		m.headerView(),
		"",
		fit(s.View(m.c.width, bodyH), m.c.width, bodyH),
		m.statusView(),
		helpView,
	}, "\n")
}

func (m *Model) headerView() string {
	c := m.c
	title := "playdrill"
	if c.book != nil {
		title = cleanLine(c.book.Title)
		if v := cleanLine(c.book.Version); v != "" {
			title += " " + c.st.faint.Render(v)
		}
	}
	left := c.st.title.Render("▌ ") + c.st.title.Render(title)
	right := ""
	if c.rep != "" {
		right = c.st.faint.Render("rep ") + c.st.bold.Render(cleanLine(c.rep))
	}
	gap := c.width - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		return ansi.Truncate(left+" "+right, c.width, "…")
	}
	return left + strings.Repeat(" ", gap) + right
}

func (m *Model) statusView() string {
	c := m.c
	if c.status == "" {
		return ""
	}
	if c.statusErr {
		return ansi.Truncate(c.st.statusErr.Render("! "+c.status), c.width, "…")
	}
	return ansi.Truncate(c.st.status.Render(c.status), c.width, "…")
}

func (m *Model) tooSmallView() string {
	c := m.c
	msg := "Terminal too small"
	detail := "playdrill needs at least 60x16"
	now := "now " + itoa(c.width) + "x" + itoa(c.height)
	w := max(c.width, 1)
	// Wrapped, not cut: at 20 columns "needs at least 60x16" is the part
	// that matters.
	var lines []string
	for _, l := range []string{msg, detail, now} {
		lines = append(lines, strings.Split(ansi.Wrap(l, w, ""), "\n")...)
	}
	if len(lines)+2 <= c.height {
		lines = append(lines, "")
	}
	lines = append(lines, "ctrl+c quits")
	lines[0] = c.st.warn.Render(lines[0])
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "")
	}
	return strings.Join(lines, "\n")
}

// fit clips s to width columns and height lines.
func fit(s string, width, height int) string {
	if height < 1 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, width, "…")
		}
	}
	for len(lines) < height {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
