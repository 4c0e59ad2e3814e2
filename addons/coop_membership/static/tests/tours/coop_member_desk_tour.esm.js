/** The member desk: find a member, read the status and its reason in the header,
 * open the shares by the smart button, subscribe, pay, and be back on the
 * subscription. */
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("CoopMemberDeskTour", {
  steps: () => [
    {
      content: "search the member",
      trigger: ".o_searchview_input",
      run: "edit Tour Desk Member",
    },
    {
      content: "validate the search",
      trigger: ".o_searchview_input",
      run: "press Enter",
    },
    {
      content: "open the member",
      trigger: ".o_kanban_record:contains('Tour Desk Member')",
      run: "click",
    },
    {
      content: "the header gives the status and why the member may not shop",
      trigger:
        ".o_form_view .o_form_statusbar [name='coop_shop_block_reason']:contains('welcome session has not been attended')",
    },
    {
      content: "the status badge is in the header",
      trigger: ".o_form_view .o_form_statusbar [name='coop_state']",
    },
    {
      content: "open the shares by the smart button",
      trigger: ".o-form-buttonbox button[name='action_coop_view_share_lines']",
      run: "click",
    },
    {
      content: "the member's register lines are listed",
      trigger: ".o_list_view .o_data_row",
    },
    {
      content: "back to the member",
      trigger: ".o_breadcrumb .breadcrumb-item a:contains('Tour Desk Member')",
      run: "click",
    },
    {
      content: "open the Shares tab",
      trigger: ".o_notebook_headers .nav-link:contains('Shares')",
      run: "click",
    },
    {
      content: "subscribe new shares",
      trigger: ".o_notebook button:contains('New subscription')",
      run: "click",
    },
    {
      content: "the subscription is for the member",
      trigger: ".o_field_widget[name='partner_id'] input:value('Tour Desk Member')",
    },
    {
      content: "three shares",
      trigger: ".o_field_widget[name='quantity'] input",
      run: "edit 3",
    },
    {
      content: "save",
      trigger: ".o_form_button_save",
      run: "click",
    },
    {
      content: "a draft shows what remains to pay",
      trigger: ".o_field_widget[name='amount_due']:contains('30.00')",
    },
    {
      content: "confirm",
      trigger: ".o_form_view .o_form_statusbar button[name='action_confirm']",
      run: "click",
    },
    {
      content: "register the payment",
      trigger: ".o_form_view .o_form_statusbar button[name='action_register_payment']",
      run: "click",
    },
    {
      content: "create the payment",
      trigger: ".modal button[name='action_create_payments']",
      run: "click",
    },
    {
      content: "back on the subscription, paid",
      trigger:
        ".o_form_view .o_statusbar_status [aria-checked='true']:contains('Paid')",
    },
    {
      content: "nothing left to pay",
      trigger: ".o_form_view .o_field_widget[name='amount_due']:contains('0.00')",
    },
  ],
});
