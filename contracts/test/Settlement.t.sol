// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {AdMarket} from "../src/AdMarket.sol";
import {IAdMarket} from "../src/interfaces/IAdMarket.sol";
import {IPlots} from "../src/interfaces/IPlots.sol";
import {AdMarketBase} from "./AdMarketBase.t.sol";

/// @dev The findings of the settlement review (issue 14), one test each, on the production settings:
/// a 1-day challenge period and hourly epochs. Each failed on the single-pending-root design.
contract SettlementTest is AdMarketBase {
    uint256 internal id;

    function setUp() public override {
        super.setUp();
        vm.prank(admin);
        market.setChallengePeriod(1 days);
        vm.prank(alice);
        id = market.createCampaign(1_000e18, CPC, start, uint40(block.timestamp + 30 days), "", _targets(1));
    }

    // ------------------------------------------------------------------ 1. busy marketplace

    /// @dev 14 days of hourly epochs under continuous clicks: every epoch activates exactly one
    /// window after its post, and claims pay throughout (the old design never activated anything).
    function test_hourlyEpochs_eachActivatesOneWindowAfterItsPost() public {
        uint256 posts = 14 * 24;
        uint256 paid;
        for (uint256 e = 1; e <= posts; ++e) {
            vm.warp(block.timestamp + 1 hours);
            _postPaying(e, e * 1e18);
            if (e > 24) {
                uint256 due = e - 24; // posted exactly 1 day ago
                assertEq(market.getEpoch(due).activatesAt, block.timestamp);
                market.activateEpoch(due);
                assertEq(market.activeEpochId(), due);
                // Bob claims what that epoch paid him.
                market.claim(bob, due * 1e18, _single(_leaf(carol, 0)));
                paid = due * 1e18;
            }
            if (e > 1) {
                uint256 next = e > 24 ? e - 23 : 1;
                uint256 at = market.getEpoch(next).activatesAt;
                vm.expectRevert(abi.encodeWithSelector(IAdMarket.ChallengePeriodActive.selector, next, at));
                market.activateEpoch(next);
            }
        }
        assertEq(token.balanceOf(bob), 1_000_000e18 + paid);
        assertEq(paid, (posts - 24) * 1e18);
    }

    /// @dev A due epoch is not dropped when the next post arrives before anyone activated it.
    function test_dueEpochSurvivesTheNextPost() public {
        _postPaying(1, 1e18);
        vm.warp(block.timestamp + 1 days);
        _postPaying(2, 2e18);
        market.activateEpoch(1);
        assertEq(market.activeRoot(), _rootPaying(1e18));
        vm.warp(block.timestamp + 1 days);
        market.activateEpoch(2);
        assertEq(market.activeEpochId(), 2);
    }

    // ------------------------------------------------------------------ 2. active epoch never moves back

    function test_activeEpochNeverMovesBack() public {
        _postPaying(1, 1e18);
        _postPaying(2, 2e18);
        vm.warp(block.timestamp + 1 days);
        market.activateEpoch(2); // the newest due epoch supersedes epoch 1
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.NoPendingEpoch.selector, 1));
        market.activateEpoch(1);
        // With a zero period (dev chain), a post activates at once, and the stale one stays behind.
        vm.prank(admin);
        market.setChallengePeriod(0);
        vm.warp(block.timestamp + 1 days);
        market.applyChallengePeriod();
        _postPaying(3, 3e18);
        assertEq(market.activeEpochId(), 3);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.NoPendingEpoch.selector, 2));
        market.activateEpoch(2);
        assertEq(market.activeEpochId(), 3);
    }

    /// @dev A shorter period never opens an older epoch early: activatesAt never decreases.
    function test_shorterPeriodKeepsActivationOrder() public {
        _postPaying(1, 1e18);
        vm.prank(admin);
        market.setChallengePeriod(1 hours);
        vm.warp(block.timestamp + 1 days);
        market.applyChallengePeriod();
        uint256 first = market.getEpoch(1).activatesAt;
        _postPaying(2, 2e18);
        assertGe(market.getEpoch(2).activatesAt, first);
    }

    // ------------------------------------------------------------------ 3. veto undoes spend and cutoff

    /// @dev An epoch under-reporting an ended campaign's spend lets nobody withdraw early; after the
    /// veto and undo, the corrected epoch settles the real clicks and the advertiser gets the rest.
    function test_vetoUndoesUnderReportedSpendAndWithdrawWaitsForActivation() public {
        uint40 end_ = market.getCampaign(id).end;
        vm.warp(end_ + 1);
        _post(1, 10e18, end_, keccak256("under-reported"));
        // Posted, not activated: the advertiser may not withdraw against it.
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.WithdrawTooEarly.selector, id, end_, 0));
        vm.prank(alice);
        market.withdrawUnspent(id);

        vm.prank(guardian);
        market.vetoEpoch(1);
        assertEq(market.lastCutoff(), 0);
        assertEq(market.settledTotal(), 0);
        assertEq(market.undoEpochId(), 1);
        // Nothing posts before the undo.
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.UndoPending.selector, 1));
        vm.prank(settler);
        market.postEpoch(2, keccak256("x"), 40e18, end_, bytes32(0), _one(id), _oneAmount(40e18));
        _undo(1, 0, 0, 10e18);
        assertEq(market.getCampaign(id).spent, 0);

        _post(2, 40e18, end_, keccak256("correct"));
        vm.warp(block.timestamp + 1 days);
        market.activateEpoch(2);
        uint256 before = token.balanceOf(alice);
        vm.prank(alice);
        market.withdrawUnspent(id);
        assertEq(token.balanceOf(alice) - before, 960e18);
    }

    /// @dev A vetoed epoch's inflated spend does not stay settled; vetoing one epoch kills the ones
    /// after it (they build on it), and the undo runs newest first.
    function test_vetoKillsLaterEpochsAndUndoesTheirSpend() public {
        _post(1, 5e18, uint40(block.timestamp), keccak256("good"));
        vm.warp(block.timestamp + 1 hours);
        _post(2, 900e18, uint40(block.timestamp), keccak256("inflated"));
        vm.warp(block.timestamp + 1 hours);
        _post(3, 901e18, uint40(block.timestamp), keccak256("on top"));
        vm.expectEmit(address(market));
        emit IAdMarket.EpochVetoed(2, keccak256("inflated"));
        vm.expectEmit(address(market));
        emit IAdMarket.EpochVetoed(3, keccak256("on top"));
        vm.prank(guardian);
        market.vetoEpoch(2);
        assertEq(market.goodEpochId(), 1);
        assertEq(market.settledTotal(), 5e18);
        // The undo must replay the epoch's own changes.
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.NotUndoing.selector, 2, 3));
        _undo(2, 5e18, 1, 900e18);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.UndoMismatch.selector, 3, 0));
        _undo(3, 900e18, 2, 999e18);
        _undo(3, 900e18, 2, 901e18);
        _undo(2, 5e18, 1, 900e18);
        assertEq(market.undoEpochId(), 0);
        assertEq(market.getCampaign(id).spent, 5e18);
        assertEq(market.getCampaign(id).spentEpoch, 1);
        // Ids go on; the re-post builds on epoch 1.
        _post(4, 7e18, uint40(block.timestamp), keccak256("re-post"));
        assertEq(market.getEpoch(4).parent, 1);
        vm.warp(block.timestamp + 1 days);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.NoPendingEpoch.selector, 3));
        market.activateEpoch(3);
        market.activateEpoch(4);
        assertEq(market.activeTotal(), 7e18);
    }

    /// @dev A chunk settled with settleSpend for the next epoch is vetoed with the epochs it builds on.
    function test_vetoWhileChunkingUndoesTheChunk() public {
        _post(1, 5e18, uint40(block.timestamp), keccak256("pending"));
        vm.prank(settler);
        market.settleSpend(2, _one(id), _oneAmount(8e18));
        vm.prank(guardian);
        market.vetoEpoch(1);
        assertEq(market.lastEpochId(), 2);
        assertEq(uint8(market.getEpoch(2).status), uint8(IAdMarket.EpochStatus.Vetoed));
        _undo(2, 5e18, 1, 8e18);
        _undo(1, 0, 0, 5e18);
        assertEq(market.getCampaign(id).spent, 0);
        _post(3, 6e18, uint40(block.timestamp), keccak256("re-post"));
        assertEq(market.settledTotal(), 6e18);
    }

    // ------------------------------------------------------------------ 4. no key drains escrow at once

    /// @dev On a production chain the admin can neither make itself settler nor shorten the window
    /// faster than the guardian can react, so a root paying itself meets a veto.
    function test_adminCannotDrainEscrowInOneBlock() public {
        vm.chainId(10);
        AdMarket prod = new AdMarket(token, admin, treasury, settler, guardian, MIN_CPC, 1 days);
        bytes32 settlerRole = prod.SETTLER_ROLE();
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.RoleGrantNotReady.selector, settlerRole, admin, 0));
        prod.grantRole(settlerRole, admin);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.ChallengePeriodTooShort.selector, 0, 1 hours));
        prod.setChallengePeriod(0);
        prod.setChallengePeriod(1 hours); // scheduled, not applied
        assertEq(prod.challengePeriod(), 1 days);
        vm.expectRevert(
            abi.encodeWithSelector(IAdMarket.ChallengePeriodNotDue.selector, block.timestamp + 1 days)
        );
        prod.applyChallengePeriod();
        vm.expectEmit(address(prod));
        emit IAdMarket.RoleGrantScheduled(settlerRole, admin, block.timestamp + 1 days);
        prod.scheduleRoleGrant(settlerRole, admin);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAdMarket.RoleGrantNotReady.selector, settlerRole, admin, block.timestamp + 1 days
            )
        );
        prod.grantRole(settlerRole, admin);
        // The admin role itself moves only through the delayed two-step transfer.
        bytes32 adminRole = prod.DEFAULT_ADMIN_ROLE();
        vm.expectRevert();
        prod.grantRole(adminRole, bob);
        assertEq(prod.defaultAdminDelay(), 1 days);
        vm.stopPrank();

        vm.warp(block.timestamp + 1 days);
        vm.startPrank(admin);
        prod.grantRole(settlerRole, admin);
        prod.applyChallengePeriod();
        vm.stopPrank();
        // A root paying the admin everything is still pending for the (now shorter) window: vetoed.
        vm.prank(alice);
        token.approve(address(prod), type(uint256).max);
        vm.prank(alice);
        uint256 cid = prod.createCampaign(
            100e18, CPC, uint40(block.timestamp), uint40(block.timestamp + 1 days), "", _targets(1)
        );
        vm.prank(admin);
        prod.postEpoch(
            1,
            _leaf(admin, 100e18),
            100e18,
            uint40(block.timestamp),
            bytes32(0),
            _one(cid),
            _oneAmount(100e18)
        );
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.InvalidProof.selector, admin, 100e18));
        prod.claim(admin, 100e18, new bytes32[](0));
        vm.prank(guardian);
        prod.vetoEpoch(1);
        vm.warp(block.timestamp + 1 hours);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.NoPendingEpoch.selector, 1));
        prod.activateEpoch(1);
    }

    /// @dev The admin cannot take the guardian away at once (it could, then post through a settler and
    /// meet no veto): the revocation waits one challenge period, and the former guardian may still veto
    /// what was posted before it applied.
    function test_guardianRevocationWaitsOneWindow() public {
        bytes32 guardianRole = market.GUARDIAN_ROLE();
        vm.startPrank(admin);
        vm.expectRevert(
            abi.encodeWithSelector(IAdMarket.RoleRevokeNotReady.selector, guardianRole, guardian, 0)
        );
        market.revokeRole(guardianRole, guardian);
        bytes32 settlerRole = market.SETTLER_ROLE();
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.RoleNotDelayed.selector, settlerRole));
        market.scheduleRoleRevoke(settlerRole, settler);
        vm.expectEmit(address(market));
        emit IAdMarket.RoleRevokeScheduled(guardianRole, guardian, block.timestamp + 1 days);
        market.scheduleRoleRevoke(guardianRole, guardian);
        vm.warp(block.timestamp + 1 days - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IAdMarket.RoleRevokeNotReady.selector, guardianRole, guardian, block.timestamp + 1
            )
        );
        market.revokeRole(guardianRole, guardian);
        vm.stopPrank();

        vm.warp(block.timestamp + 1);
        _postPaying(1, 10e18); // posted in the block of the revocation, just before it
        vm.prank(admin);
        market.revokeRole(guardianRole, guardian);
        assertFalse(market.hasRole(guardianRole, guardian));
        _postPaying(2, 20e18);
        // Epoch 2 came after the revocation: the former guardian has no say over it ...
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, guardian, guardianRole
            )
        );
        vm.prank(guardian);
        market.vetoEpoch(2);
        // ... but epoch 1 (and with it 2, which builds on it) it still vetoes inside the window.
        vm.prank(guardian);
        market.vetoEpoch(1);
        assertEq(market.goodEpochId(), 0);
        // The settler role is taken away at once.
        vm.prank(admin);
        market.revokeRole(settlerRole, settler);
        assertFalse(market.hasRole(settlerRole, settler));
    }

    function test_productionFloorAppliesToConstructor() public {
        vm.chainId(1);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.ChallengePeriodTooShort.selector, 0, 1 hours));
        new AdMarket(token, admin, treasury, settler, guardian, MIN_CPC, 0);
    }

    // ------------------------------------------------------------------ 6. buyer and seller protection

    function test_buyChargesNoMoreThanShown() public {
        vm.prank(admin);
        plots.setPrimaryPrice(PRICE * 100); // in flight
        vm.expectRevert(abi.encodeWithSelector(IPlots.PriceAboveMax.selector, PARIS, PRICE * 100, PRICE));
        vm.prank(bob);
        plots.buy(PARIS, PRICE);
        uint256[] memory cells = _cells(2);
        vm.expectRevert(
            abi.encodeWithSelector(IPlots.PriceAboveMax.selector, cells[0], PRICE * 200, PRICE * 2)
        );
        vm.prank(bob);
        plots.buyBatch(cells, PRICE * 2);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(IPlots.InvalidPrice.selector, 0));
        plots.setPrimaryPrice(0);
    }

    function test_feeIsFixedAtListingTime() public {
        vm.prank(bob);
        plots.buy(PARIS, PRICE);
        vm.prank(bob);
        plots.list(PARIS, 100e18, uint64(block.timestamp + 1 days));
        vm.prank(admin);
        plots.setMarketFee(1000); // 10 % after listing
        uint256 before = token.balanceOf(bob);
        vm.prank(carol);
        plots.buyListed(PARIS, 100e18);
        assertEq(token.balanceOf(bob) - before, 97.5e18); // the 2.5 % of listing time
    }

    // ------------------------------------------------------------------ 7. escape hatch

    /// @dev The settler stops: long after the end, the advertiser gets budget minus activated spend.
    function test_escapeHatchAfterSettlerStops() public {
        _post(1, 10e18, uint40(block.timestamp), _rootPaying(10e18));
        vm.warp(block.timestamp + 1 days);
        market.activateEpoch(1);
        uint40 end_ = market.getCampaign(id).end;
        vm.warp(end_ + market.ESCAPE_DELAY() - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAdMarket.WithdrawTooEarly.selector, id, end_, market.activeCutoff())
        );
        vm.prank(alice);
        market.withdrawUnspent(id);
        vm.warp(end_ + market.ESCAPE_DELAY());
        uint256 before = token.balanceOf(alice);
        vm.prank(alice);
        market.withdrawUnspent(id);
        assertEq(token.balanceOf(alice) - before, 990e18);
        // Claims of the activated epoch still pay.
        market.claim(bob, 10e18, _single(_leaf(carol, 0)));
    }

    /// @dev Pending spend blocks the hatch until it activates or is vetoed and undone.
    function test_escapeHatchWaitsForPendingSpend() public {
        uint40 end_ = market.getCampaign(id).end;
        vm.warp(end_ + market.ESCAPE_DELAY());
        _post(1, 10e18, end_ - 1, keccak256("pending"));
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.SpendNotActive.selector, id, 1, 0));
        vm.prank(alice);
        market.withdrawUnspent(id);
        vm.warp(block.timestamp + 1 days);
        market.activateEpoch(1);
        vm.prank(alice);
        market.withdrawUnspent(id);
        assertEq(market.getCampaign(id).budget, 10e18);
    }

    /// @dev After an escape-hatch withdrawal the campaign's unsettled clicks are lost: an epoch that
    /// still raises its spend fails with a reason the settler acts on, and settlement goes on without it.
    function test_escapeHatchClosesTheCampaignToLaterSpend() public {
        _postPaying(1, 10e18);
        vm.warp(block.timestamp + 1 days);
        market.activateEpoch(1);
        uint40 end_ = market.getCampaign(id).end;
        vm.warp(end_ + market.ESCAPE_DELAY());
        vm.prank(alice);
        market.withdrawUnspent(id);
        // Clicks credited before the end but never settled: the budget they would be paid from is gone.
        bytes32 root = _rootPaying(12e18);
        vm.expectRevert(abi.encodeWithSelector(IAdMarket.CampaignClosed.selector, id));
        vm.prank(settler);
        market.postEpoch(2, root, 12e18, uint40(block.timestamp), bytes32(0), _one(id), _oneAmount(12e18));
        // The settler drops them; the next epoch settles the other campaigns as usual.
        vm.prank(alice);
        uint256 other = market.createCampaign(
            100e18, CPC, uint40(block.timestamp), uint40(block.timestamp + 1 days), "", _targets(1)
        );
        vm.prank(settler);
        market.postEpoch(
            2,
            _hashPair(_leaf(bob, 13e18), _leaf(carol, 0)),
            13e18,
            uint40(block.timestamp),
            bytes32(0),
            _one(other),
            _oneAmount(3e18)
        );
        assertEq(market.settledTotal(), 13e18);
        assertEq(market.getCampaign(id).spent, 10e18);
    }

    // ------------------------------------------------------------------ helpers

    function _rootPaying(uint256 amount) internal view returns (bytes32) {
        return _hashPair(_leaf(bob, amount), _leaf(carol, 0));
    }

    /// @dev Epoch `e` settles the campaign at `cumulative`, all of it paid to bob.
    function _postPaying(uint256 e, uint256 cumulative) internal {
        _post(e, cumulative, uint40(block.timestamp), _rootPaying(cumulative));
    }

    function _post(uint256 e, uint256 cumulative, uint40 cutoff, bytes32 root) internal {
        uint256 total = market.settledTotal() + cumulative - market.getCampaign(id).spent;
        vm.prank(settler);
        market.postEpoch(e, root, total, cutoff, bytes32(0), _one(id), _oneAmount(cumulative));
    }

    function _undo(uint256 e, uint256 previous, uint256 previousEpoch, uint256 spent) internal {
        IAdMarket.SpendChange[] memory ch = new IAdMarket.SpendChange[](1);
        ch[0] = IAdMarket.SpendChange(id, previous, previousEpoch, spent);
        market.undoVetoedSpend(e, bytes32(0), ch);
    }
}
