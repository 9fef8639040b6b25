import { useEffect } from "react";
import { AnimationRoutes, App, Route, SnackbarProvider, ZMPRouter, useNavigate } from "zmp-ui";
import { api } from "./lib/api";
import { findLessonSummary, prefetchSkills } from "./lib/course";
import { onNetworkChange, routeParams } from "./lib/zalo";
import AboutPage from "./pages/about";
import HomePage from "./pages/home";
import LessonPage from "./pages/lesson";
import ProgressPage from "./pages/progress";
import QuizPage from "./pages/quiz";
import SkillPage from "./pages/skill";
import { getState, setState } from "./state/store";
import { syncNow } from "./state/sync";

/** Same rule as the server's refCodeSchema, without shipping zod in the first screen. */
const REF_CODE = /^[A-Za-z0-9_-]{1,32}$/;

/** Deep links: ?lesson=<id> opens that lesson; ?ref=<code> is remembered and sent with the first sync. */
function DeepLinks() {
  const navigate = useNavigate();
  useEffect(() => {
    const params = routeParams();
    if (params.ref && !getState().ref && REF_CODE.test(params.ref)) setState({ ref: params.ref });
    if (params.lesson && findLessonSummary(params.lesson)) navigate(`/lesson/${params.lesson}`, { animate: false } as never);
  }, []);
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
        setState({ sandbox: m.sandbox });
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
  return (
    <App theme="light">
      <SnackbarProvider>
        <ZMPRouter>
          <DeepLinks />
          <AnimationRoutes>
            <Route path="/" element={<HomePage />} />
            <Route path="/skill/:skillId" element={<SkillPage />} />
            <Route path="/lesson/:lessonId" element={<LessonPage />} />
            <Route path="/lesson/:lessonId/quiz" element={<QuizPage />} />
            <Route path="/progress" element={<ProgressPage />} />
            <Route path="/about" element={<AboutPage />} />
          </AnimationRoutes>
        </ZMPRouter>
      </SnackbarProvider>
    </App>
  );
}
