// Package form is the one form kit of ferry's dialogs: the operation
// forms of package ops (new folder, new bucket, rename/move, the
// metadata editor, the typed delete confirmation) and the share and
// upload-link dialogs of package sharing.
//
// Layout:
//   - field.go: the Field interface (a row that can take the focus) and
//     the stock fields: Text (a bubbles textinput), Choice (one of fixed
//     values) and Toggle. A dialog's own fields (the expiry chooser, the
//     QR toggle, the cap/warn choice) implement Field by embedding Fixed
//     and writing Step.
//   - form.go: Form, the focus ring over the fields and the key routing
//     every dialog shares: cancel, submit (from anywhere, or enter moving
//     on and submitting on the last field), next/previous field, typing
//     into a text field, stepping a choice or toggle.
//   - keys.go: Keys, the bindings a Form routes with, built from the
//     form.* or the share.* bindings of package keymap, so the keys users
//     configured keep working.
//   - render.go: the pieces a dialog draws with: the focus-marked label
//     column, choices, check boxes, and Lines, which wraps text and notes
//     to the dialog's width.
//
// A Form never closes itself: Submit and Cancel are reported to the
// dialog, which starts the work in a tea.Cmd and keeps the form open to
// show what went wrong (an error under the field, "AccessDenied" from
// the server) until the user corrects it or leaves.
//
// Why not charm.land/huh/v2: a custom huh field implements its Field
// interface of 18 methods (a Bubble Tea model, theme, keymap, accessible
// mode, sizing and positions), huh routes keys with its own per-field
// KeyMap and draws with its own Theme (ferry's form.* and share.*
// bindings and common.Styles would have to be mirrored into both), and a
// huh form completes when submitted, where ferry's dialogs stay open to
// show a background error and be corrected. ferry's fields are few and
// small, so a kit of its own is less code than adapting huh.
package form
