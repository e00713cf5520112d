export { EntityEnvironmentsContent } from './EntityEnvironmentsContent';
export { MyApprovalsContent, MyApprovalsPage } from './MyApprovalsPage';
