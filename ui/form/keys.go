package form

import (
	"charm.land/bubbles/v2/key"

	"github.com/ferry-s3/ferry/keymap"
)

// Keys are the bindings a Form routes with. Save and Toggle may be left
// unset (a zero binding matches nothing).
type Keys struct {
	Submit key.Binding
	Save   key.Binding // submit from any field
	Cancel key.Binding
	Next   key.Binding
	Prev   key.Binding
	Left   key.Binding // previous choice
	Right  key.Binding // next choice
	Toggle key.Binding // flip a toggle (steps a choice on)
	// Advance makes Submit move to the next field, submitting only on
	// the last one; otherwise it submits from any field.
	Advance bool
}

// OpsKeys are the operation forms' keys (config names form.*).
func OpsKeys(k *keymap.OpsKeys) Keys {
	return Keys{Submit: k.FormSubmit, Save: k.FormSave, Cancel: k.FormCancel, Next: k.FormNext, Prev: k.FormPrev,
		Left: k.FormLeft, Right: k.FormRight, Advance: true}
}

// ShareKeys are the share dialogs' keys (config names share.*).
func ShareKeys(k *keymap.ShareKeys) Keys {
	return Keys{Submit: k.Copy, Cancel: k.Close, Next: k.NextField, Prev: k.PrevField,
		Left: k.PrevChoice, Right: k.NextChoice, Toggle: k.Toggle}
}
