// The words of the partner's staff page, in English and Simplified Chinese (merged into messages.js).

export const en = {
  "nav.staff": "Staff", "nav.contract": "Contract terms",
  "contract.intro": "The terms agreed with the mall operator. Ask the operator to change them.",
  "contract.currency": "Paid in", "contract.since": "Partner since",
  "contract.feeSince": "This fee applies from", "contract.noChanges": "Your terms have not changed since you joined.",
  "staff.intro": "Colleagues who use this console for your company. Invited colleagues receive an e-mail to set "
    + "their password; they can ship orders, list gifts and read statements.",
  "staff.list": "Staff", "staff.email": "E-mail", "staff.name": "Name", "staff.actions": "Actions",
  "staff.firstName": "First name", "staff.lastName": "Last name", "staff.inviteTitle": "Invite a colleague",
  "staff.invite": "Invite", "staff.invited": "{email} is invited.", "staff.switchOff": "Switch off {email}",
  "staff.switchedOff": "{email} is switched off and signed out.",
  "error.UNIQUE": "This is already in use.", "error.OUT_OF_SCOPE_USER": "This is outside your company.",
  "error.OUT_OF_SCOPE_PERMISSION": "You cannot grant a permission you do not hold.",
};

export const zh = {
  "nav.staff": "员工", "nav.contract": "合同条款",
  "contract.intro": "与商城运营方约定的条款。如需变更，请联系运营方。",
  "contract.currency": "结算币种", "contract.since": "合作开始日期",
  "contract.feeSince": "该服务费生效月份", "contract.noChanges": "自合作开始以来条款未曾变更。",
  "staff.intro": "为贵公司使用本控制台的同事。受邀同事会收到设置密码的邮件；他们可以发货、上架礼品和查看结算单。",
  "staff.list": "员工", "staff.email": "电子邮箱", "staff.name": "姓名", "staff.actions": "操作",
  "staff.firstName": "名", "staff.lastName": "姓", "staff.inviteTitle": "邀请同事",
  "staff.invite": "邀请", "staff.invited": "已邀请 {email}。", "staff.switchOff": "停用 {email}",
  "staff.switchedOff": "{email} 已停用并已退出登录。",
  "error.UNIQUE": "此值已被使用。", "error.OUT_OF_SCOPE_USER": "超出贵公司的范围。",
  "error.OUT_OF_SCOPE_PERMISSION": "不能授予您自己没有的权限。",
};
