import { lazy, Suspense, useEffect, type ComponentType } from "react";
import { AnimationRoutes, App, Button, Page, Route, SnackbarProvider, ZMPRouter, useNavigate } from "zmp-ui";
import { AppHeader } from "./components/app-header";
import { api } from "./api/client";
import { findSkill, prefetchSkills } from "./lib/course";
import { findAnyLessonSummary } from "./lib/lessons";
import { followsOa, onNetworkChange, routeParams } from "./lib/zalo";
import HomePage from "./pages/home";
import LessonPage from "./pages/lesson";
import { isLocalLessonId, LOCAL_SKILL } from "./lib/local-lessons";
import ProgressPage from "./pages/progress";
import GlossaryPage from "./pages/glossary";
import QuizPage from "./pages/quiz";
import SkillPage from "./pages/skill";
import { needsCreditConsent, refreshAdminRoles, refreshNewsCount, refreshTeamRole } from "./state/actions";
import { getState, setState, useAppState } from "./state/store";
import { syncNow } from "./state/sync";
import { INVITE_CODE, REF_CODE } from "../../shared/constants/patterns";

/** A screen that could not be loaded (offline the first time it is opened): try again once online. */
function NotLoadedPage({ title }: { title: string }) {
  return (
    <Page className="page">
      <AppHeader title={title} back="/" />
      <main className="content">
        <p role="alert">Chưa tải được trang này. Hãy kiểm tra mạng rồi thử lại.</p>
        <Button fullWidth onClick={() => window.location.reload()}>
          Thử lại
        </Button>
      </main>
    </Page>
  );
}

/** The officials' screens, "Tin mới" and "Giới thiệu" are loaded only when opened: they stay out of the first screen. */
const later = (load: () => Promise<{ default: ComponentType }>, title = "Quản trị") =>
  lazy(() => load().catch(() => ({ default: () => <NotLoadedPage title={title} /> })));
const AdminHomePage = later(() => import("./pages/admin-home"));
const AdminComposePage = later(() => import("./pages/admin-compose"));
const AdminCampaignPage = later(() => import("./pages/admin-campaign"));
const NewsPage = later(() => import("./pages/news"), "Tin mới");
const TEAM = "Tổ của tôi";
const TeamPage = later(() => import("./pages/team"), TEAM);
const TeamJoinPage = later(() => import("./pages/team-join"), TEAM);
const TeamVisitPage = later(() => import("./pages/team-visit"), TEAM);
const CreditPage = later(() => import("./pages/credit"), TEAM);
const AdminTeamsPage = later(() => import("./pages/admin-teams"));
const AdminRecordingsPage = later(() => import("./pages/admin-recordings"));
const AdminBulletinsPage = later(() => import("./pages/admin-bulletins"));
const AdminLocalLessonsPage = later(() => import("./pages/admin-local-lessons"));
const AdminReportsPage = later(() => import("./pages/admin-reports"));
const COMPLETE = "Hoàn thành kỹ năng";
const CompletionPage = later(() => import("./pages/completion"), COMPLETE);
const AssessmentPage = later(() => import("./pages/assessment"), COMPLETE);
const CertificatesPage = later(() => import("./pages/certificates"), "Chứng nhận của tôi");
const TeamHandsOnPage = later(() => import("./pages/team-hands-on"), TEAM);
const TeamLedgerPage = later(() => import("./pages/team-ledger"), TEAM);
const AdminCertificatesPage = later(() => import("./pages/admin-certificates"));
const ABOUT = "Giới thiệu";
const AboutPage = later(() => import("./pages/about"), ABOUT);

function Loading({ title }: { title: string }) {
  return (
    <Page className="page">
      <AppHeader title={title} />
      <main className="content">
        <p role="status">Đang mở…</p>
      </main>
    </Page>
  );
}

const lazyRoute = (C: ComponentType, title = "Quản trị") => (
  <Suspense fallback={<Loading title={title} />}>
    <C />
  </Suspense>
);

/** After each sign-in, ask whether this person is an official (the "Quản trị" tab) and has unread news. */
function useSignedIn() {
  const token = useAppState((s) => s.session?.token ?? null);
  useEffect(() => {
    if (token) {
      void refreshAdminRoles(token);
      void refreshNewsCount(token, true);
      void refreshTeamRole(token);
    } else setState({ adminRoles: [], newsUnread: 0 });
  }, [token]);
}

/**
 * Deep links: ?lesson=<id> opens that lesson, ?skill=<id> that skill (posters of a skill), ?campaign=<id> a campaign (officials), ?invite=<code> the team join
 * screen; ?ref=<code> is remembered, sent with the first sync, and leads to the consent screen once signed in.
 */
function DeepLinks() {
  const navigate = useNavigate();
  useEffect(() => {
    const params = routeParams();
    if (params.ref && !getState().ref && REF_CODE.test(params.ref)) setState({ ref: params.ref });
    if (params.invite && INVITE_CODE.test(params.invite)) navigate(`/team/join?invite=${params.invite}`, { animate: false } as never);
    else if (params.lesson && findAnyLessonSummary(params.lesson)) navigate(`/lesson/${params.lesson}`, { animate: false } as never);
    // A local lesson's poster, scanned by someone whose commune is not known yet: the local skill, where they choose it.
    else if (params.lesson && isLocalLessonId(params.lesson)) navigate(`/skill/${LOCAL_SKILL}`, { animate: false } as never);
    else if (params.skill && findSkill(params.skill)) navigate(`/skill/${params.skill}`, { animate: false } as never);
    // ?campaign=<id>: a link one official gives another, e.g. to approve a province-wide campaign.
    else if (params.campaign && /^\d{1,12}$/.test(params.campaign)) navigate(`/admin/campaign/${params.campaign}`, { animate: false } as never);
  }, []);
  const token = useAppState((s) => s.session?.token ?? null);
  // Asked once the server has the code (sent with the first sync): only the code the app was first opened with counts.
  const refSent = useAppState((s) => s.refSent);
  useEffect(() => {
    if (token && refSent) void needsCreditConsent(token).then((ask) => ask && navigate("/credit", { animate: false } as never));
  }, [token, refSent]);
  return null;
}

function useStartup() {
  useEffect(() => {
    setState({ online: navigator.onLine !== false });
    const stop = onNetworkChange((online) => {
      setState({ online });
      if (online) void syncNow();
    });
    api.meta().then(
      (m) => {
        setState({ sandbox: m.sandbox, oaId: m.oaId });
        void followsOa().then((f) => f !== null && setState({ followsOa: f }));
        // Signs in, sends what waits in the queue, then fetches progress from the server.
        void syncNow();
      },
      () => undefined,
    );
    prefetchSkills();
    const timer = setInterval(() => getState().queue.length > 0 && void syncNow(), 30_000);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, []);
}

export default function MyApp() {
  useStartup();
  useSignedIn();
  return (
    <App theme="light">
      <SnackbarProvider>
        <ZMPRouter>
          <DeepLinks />
          <AnimationRoutes>
            <Route path="/" element={<HomePage />} />
            <Route path="/skill/:skillId" element={<SkillPage />} />
            <Route path="/skill/:skillId/complete" element={lazyRoute(CompletionPage, COMPLETE)} />
            <Route path="/skill/:skillId/assessment" element={lazyRoute(AssessmentPage, COMPLETE)} />
            <Route path="/certificates" element={lazyRoute(CertificatesPage, "Chứng nhận của tôi")} />
            <Route path="/team/hands-on" element={lazyRoute(TeamHandsOnPage, TEAM)} />
            <Route path="/team/ledger" element={lazyRoute(TeamLedgerPage, TEAM)} />
            <Route path="/admin/certificates" element={lazyRoute(AdminCertificatesPage)} />
            <Route path="/lesson/:lessonId" element={<LessonPage />} />
            <Route path="/lesson/:lessonId/quiz" element={<QuizPage />} />
            <Route path="/progress" element={<ProgressPage />} />
            <Route path="/glossary" element={<GlossaryPage />} />
            <Route path="/about" element={lazyRoute(AboutPage, ABOUT)} />
            <Route path="/news" element={lazyRoute(NewsPage, "Tin mới")} />
            <Route path="/team" element={lazyRoute(TeamPage, TEAM)} />
            <Route path="/team/join" element={lazyRoute(TeamJoinPage, TEAM)} />
            <Route path="/team/visit" element={lazyRoute(TeamVisitPage, TEAM)} />
            <Route path="/credit" element={lazyRoute(CreditPage, TEAM)} />
            <Route path="/admin/teams" element={lazyRoute(AdminTeamsPage)} />
            <Route path="/admin/recordings" element={lazyRoute(AdminRecordingsPage)} />
            <Route path="/admin/bulletins" element={lazyRoute(AdminBulletinsPage)} />
            <Route path="/admin/local-lessons" element={lazyRoute(AdminLocalLessonsPage)} />
            <Route path="/admin/reports" element={lazyRoute(AdminReportsPage)} />
            <Route path="/admin" element={lazyRoute(AdminHomePage)} />
            <Route path="/admin/compose" element={lazyRoute(AdminComposePage)} />
            <Route path="/admin/campaign/:campaignId" element={lazyRoute(AdminCampaignPage)} />
          </AnimationRoutes>
        </ZMPRouter>
      </SnackbarProvider>
    </App>
  );
}
